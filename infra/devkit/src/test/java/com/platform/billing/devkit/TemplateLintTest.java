package com.platform.billing.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** template.yaml must pass cfn-lint with no errors: the test command runs it here. */
class TemplateLintTest {

    private static Optional<Path> cfnLint() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(RepoRoot.get().resolve(".venv/bin/cfn-lint"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "cfn-lint"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    @Test
    void cfnLint_onTemplate_reportsNoErrors() throws IOException, InterruptedException {
        Path lint = cfnLint().orElseThrow(() -> new AssertionError(
                "cfn-lint not found: run infra/scripts/ensure-tools.sh (installs it into .venv)"));
        Process process = new ProcessBuilder(lint.toString(), "--format", "parseable", RepoRoot.template().toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "cfn-lint timed out");
        // Exit code bits: 2 = errors, 4 = warnings, 8 = informational. Errors fail the build; so do warnings,
        // since a clean template is cheap to keep and a warning is usually a real mistake.
        assertEquals(0, process.exitValue(), "cfn-lint findings:\n" + output);
    }
}
