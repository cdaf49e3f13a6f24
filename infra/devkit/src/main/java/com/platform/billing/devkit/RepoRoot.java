package com.platform.billing.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder holding template.yaml) from any module or working directory. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path get() {
        String configured = System.getProperty("billing.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (template.yaml); set -Dbilling.root");
    }

    public static Path template() {
        return get().resolve("template.yaml");
    }

    public static Path events() {
        return get().resolve("infra/events");
    }

    /** The text of a sample event, {@code infra/events/<fileName>}. */
    public static String sampleEvent(String fileName) {
        try {
            return Files.readString(events().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
