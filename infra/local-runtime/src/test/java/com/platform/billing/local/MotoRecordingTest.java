package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoRecordingTest {

    private static String entry(String method, String url, String target) {
        return "{\"headers\": {\"X-Amz-Target\": \"" + target + "\"}, \"method\": \"" + method + "\", \"url\": \""
                + url + "\", \"body\": \"e30=\", \"body_encoded\": true}";
    }

    @Test
    void compact_keepsWritesInOrder_andDropsReadsMotoCallsAndTornLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(MotoRecording.FILE_NAME);
        String create = entry("POST", "http://127.0.0.1:5000/", "DynamoDB_20120810.CreateTable");
        String transact = entry("POST", "http://127.0.0.1:5000/", "DynamoDB_20120810.TransactWriteItems");
        String secret = entry("POST", "http://127.0.0.1:5000/", "secretsmanager.CreateSecret");
        Files.write(file, List.of(create,
                entry("POST", "http://127.0.0.1:5000/", "DynamoDB_20120810.GetItem"),
                entry("POST", "http://127.0.0.1:5000/", "DynamoDB_20120810.Query"),
                transact,
                entry("GET", "http://127.0.0.1:5000/moto-api/", ""),
                entry("POST", "http://127.0.0.1:5000/", "secretsmanager.GetSecretValue"),
                secret,
                "{\"headers\": {\"X-Amz-Target\": \"DynamoDB_20120810.Put"), StandardCharsets.UTF_8);

        int kept = MotoRecording.compact(file);

        assertEquals(3, kept);
        assertEquals(List.of(create, transact, secret), Files.readAllLines(file));
    }

    @Test
    void compact_whenNoRecordingYet_isEmpty(@TempDir Path dir) throws IOException {
        assertEquals(0, MotoRecording.compact(dir.resolve(MotoRecording.FILE_NAME)));
    }
}
