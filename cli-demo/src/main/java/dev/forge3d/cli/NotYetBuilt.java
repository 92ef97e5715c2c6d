package dev.forge3d.cli;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

/** The failure of a command whose pipeline is not in this build yet, after its input checked out. */
final class NotYetBuilt {
    private NotYetBuilt() {
    }

    static Forge3dException pipeline(String command) {
        return new Forge3dException(ErrorCode.INTERNAL_ERROR,
                command + ": the input checked out, but this pipeline is not in this build yet; nothing was written");
    }
}
