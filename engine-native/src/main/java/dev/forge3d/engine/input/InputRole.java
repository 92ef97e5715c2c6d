package dev.forge3d.engine.input;

import dev.forge3d.api.EngineConfig;

/** What an input is for, which decides the formats it may have and its size limit. */
public enum InputRole {
    /** A scan input: an MP4 or MOV video, or a folder of photos. */
    VIDEO_OR_PHOTO_FOLDER("MP4 or MOV video, or a folder of JPEG/PNG/WebP photos"),
    /** One photo of a mesh job. */
    IMAGE("JPEG, PNG or WebP image");

    private final String accepted;

    InputRole(String accepted) {
        this.accepted = accepted;
    }

    public String accepted() {
        return accepted;
    }

    boolean accepts(MediaKind kind) {
        return this == IMAGE ? kind.isImage() : kind.isVideo();
    }

    long limit(MediaKind kind, EngineConfig config) {
        return kind.isImage() ? config.maxImageBytes() : config.maxVideoBytes();
    }
}
