package dev.forge3d.api;

/** Feature-matching strategy, with COLMAP's meanings. */
public enum Matching implements WireNamed {
    SEQUENTIAL, VOCAB_TREE, EXHAUSTIVE;
}
