package com.platform.billing.bench.cold;

import com.platform.billing.bench.probe.ColdStartProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs the probe classes (package {@code …bench.probe}, nothing else) into a small jar of their own, so a cold-start
 * JVM runs the function's jar plus a few KB of probe code — never this benchmark's classpath.
 */
final class ProbeJar {

    private static final String PREFIX = ColdStartProbe.class.getPackageName().replace('.', '/') + "/";

    private ProbeJar() {
    }

    static Path write(Path target) {
        Path source;
        try {
            source = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the probe classes", e);
        }
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
                int written = Files.isDirectory(source) ? fromDirectory(source, jar) : fromJar(source, jar);
                if (written == 0) {
                    throw new IllegalStateException("no probe classes under " + PREFIX + " in " + source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }

    private static int fromDirectory(Path classes, JarOutputStream jar) throws IOException {
        Path dir = classes.resolve(PREFIX);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            jar.putNextEntry(new JarEntry(PREFIX + file.getFileName()));
            Files.copy(file, jar);
            jar.closeEntry();
        }
        return files.size();
    }

    private static int fromJar(Path source, JarOutputStream jar) throws IOException {
        int written = 0;
        try (JarFile in = new JarFile(source.toFile())) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(PREFIX) && name.endsWith(".class") && name.indexOf('/', PREFIX.length()) < 0) {
                    jar.putNextEntry(new JarEntry(name));
                    try (InputStream bytes = in.getInputStream(entry)) {
                        bytes.transferTo(jar);
                    }
                    jar.closeEntry();
                    written++;
                }
            }
        }
        return written;
    }
}
