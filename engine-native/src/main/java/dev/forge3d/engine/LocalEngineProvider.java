package dev.forge3d.engine;

import dev.forge3d.api.Engine;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.EngineProvider;

/** Lets {@link Engine#open(EngineConfig)} find {@link LocalEngine}. */
public final class LocalEngineProvider implements EngineProvider {
    @Override
    public Engine open(EngineConfig config) {
        return new LocalEngine(config);
    }
}
