package dev.forge3d.api;

/** Which compute backend a job runs on. AUTO picks CUDA when usable, else the CPU. */
public enum DeviceKind implements WireNamed {
    AUTO, CPU, CUDA;
}
