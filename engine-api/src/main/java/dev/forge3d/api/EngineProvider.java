package dev.forge3d.api;

/** Service-provider interface through which {@link Engine#open(EngineConfig)} finds the implementation. */
public interface EngineProvider {
    Engine open(EngineConfig config);
}
