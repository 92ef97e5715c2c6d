package dev.forge3d.api;

/** What a job computes. */
public enum JobKind implements WireNamed {
    SCAN, MESH, POSES, TRAIN, RENDER, DEMO;
}
