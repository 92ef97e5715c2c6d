package dev.forge3d.cli;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.JobError;
import dev.forge3d.api.JobStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command ends with: the fields of the one JSON object printed under {@code --json}, plus
 * extra top-level fields some commands add (for example {@code backends} for {@code info}).
 */
record Outcome(String jobId, JobStatus status, Map<String, Path> outputs, Map<String, Object> metrics,
               double elapsedSeconds, JobError error, List<String> messages, Map<String, Object> extra) {

    static Outcome failure(Forge3dException e, double elapsedSeconds) {
        return new Outcome(null, JobStatus.FAILED, Map.of(), Map.of(), elapsedSeconds, e.toJobError(), List.of(),
                Map.of());
    }

    static Outcome done(Map<String, Object> metrics, double elapsedSeconds, Map<String, Object> extra) {
        return new Outcome(null, JobStatus.DONE, Map.of(), metrics, elapsedSeconds, null, List.of(), extra);
    }

    /** 0 when done, 2 for a request error, 1 for any other failure. */
    int exitCode() {
        if (status == JobStatus.DONE) {
            return 0;
        }
        return error != null && error.code().isRequestError() ? 2 : 1;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job_id", jobId);
        json.put("status", status.name());
        Map<String, Object> paths = new LinkedHashMap<>();
        outputs.forEach((name, path) -> paths.put(name, path.toString()));
        json.put("outputs", paths);
        json.put("metrics", metrics);
        json.put("elapsed_sec", Math.round(elapsedSeconds * 1000) / 1000.0);
        json.put("error", error == null ? null : errorJson(error.code(), error.message()));
        json.put("messages", messages);
        json.putAll(extra);
        return json;
    }

    private static Map<String, Object> errorJson(ErrorCode code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code.wireName());
        json.put("message", message);
        return json;
    }
}
