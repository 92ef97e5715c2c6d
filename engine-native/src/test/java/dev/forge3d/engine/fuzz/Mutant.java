package dev.forge3d.engine.fuzz;

/** One damaged copy of a valid file, and what was done to it: enough to make it again. */
public record Mutant(String description, byte[] bytes) {
    /** This mutant after a further step, such as a format's checksums recomputed. */
    public Mutant then(String step, byte[] changed) {
        return new Mutant(description + ", then " + step, changed);
    }

    /** The same damage, its description led by what chose it (a seed and case). */
    Mutant chosenBy(String origin) {
        return new Mutant(origin + ": " + description, bytes);
    }

    @Override
    public String toString() {
        return description + " (" + bytes.length + " bytes)";
    }
}
