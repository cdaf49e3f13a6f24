package com.platform.billing.local;

import com.platform.billing.devkit.RepoRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run: from the command line, then the environment, then defaults.
 *
 * @param port        HTTP port on 127.0.0.1 ({@code --port}, {@code PORT}; default 3000; 0 = any free port)
 * @param endpoint    an AWS endpoint already running ({@code --endpoint}, {@code AWS_ENDPOINT_URL}); null = start
 *                    moto_server here
 * @param dataDir     where data persists ({@code --persist} = {@code <repo>/.local-data}, {@code --data-dir DIR},
 *                    {@code LOCAL_DATA_DIR}); null = a clean start (the default)
 * @param tableName   the ledger table's local name ({@code --table}, {@code LOCAL_TABLE_NAME}; default
 *                    {@code billing-local})
 * @param template    the template ({@code --template}; default the repository's template.yaml)
 * @param webDir      static files for {@code GET /} ({@code --web-dir}; default {@code <repo>/infra/web})
 * @param jwtSecret   the token signing key ({@code LOCAL_JWT_SECRET}, at least 32 bytes); null = random per run, or
 *                    kept in the data directory when data persists
 * @param envVars     extra environment for the functions, in {@code sam local}'s {@code --env-vars} JSON format
 *                    ({@code --env-vars FILE}; default {@code infra/local-runtime/local-env.json} when it exists)
 * @param parameters  template parameter values ({@code --parameter-overrides "Key=Value Key2=Value2"}), over the
 *                    parameters' {@code Default}s
 */
public record LocalOptions(int port, URI endpoint, Path dataDir, String tableName, Path template, Path webDir,
                           String jwtSecret, Path envVars, Map<String, String> parameters) {

    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_TABLE = "billing-local";
    public static final String DEFAULT_ENV_VARS = "infra/local-runtime/local-env.json";

    /** Thrown for a bad command line; the message says what to fix. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    public static final String USAGE = """
            usage: infra/scripts/local.sh [--no-build] [options]
              --port N          HTTP port on 127.0.0.1 (env PORT; default 3000; 0 = any free port)
              --persist         keep data between runs in <repo>/.local-data (env LOCAL_DATA_DIR=DIR does the same)
              --data-dir DIR    keep data between runs in DIR
              --endpoint URL    use an AWS endpoint already running instead of starting moto_server
                                (env AWS_ENDPOINT_URL); the table is created there if absent
              --table NAME      the ledger table's name (env LOCAL_TABLE_NAME; default billing-local)
              --template FILE   the SAM template (default: the repository's template.yaml)
              --web-dir DIR     static files served at / (default: <repo>/infra/web)
              --env-vars FILE   extra function environment, sam local's format: {"Parameters": {...all functions},
                                "<FunctionLogicalId>": {...}} (default: infra/local-runtime/local-env.json if present)
              --parameter-overrides "Key=Value ..."   template parameter values (JwtIssuer/JwtAudience stay local)
              --help            this text
            environment: LOCAL_JWT_SECRET (>= 32 bytes) signs tokens with a fixed key instead of a random one.
            """;

    public LocalOptions {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        if (tableName == null || !tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new UsageException("--table must be 3-255 characters of A-Z a-z 0-9 _ . -");
        }
        if (jwtSecret != null && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < LocalJwt.MIN_SECRET_BYTES) {
            throw new UsageException("LOCAL_JWT_SECRET must be at least " + LocalJwt.MIN_SECRET_BYTES + " bytes");
        }
    }

    /** Defaults for tests: any free port, the given endpoint and table, the repository's template. */
    public static LocalOptions forTests(URI endpoint, String tableName) {
        return new LocalOptions(0, endpoint, null, tableName, RepoRoot.template(), null, null, null, Map.of());
    }

    public LocalOptions withTemplate(Path file) {
        return new LocalOptions(port, endpoint, dataDir, tableName, file, webDir, jwtSecret, envVars, parameters);
    }

    public LocalOptions withWebDir(Path dir) {
        return new LocalOptions(port, endpoint, dataDir, tableName, template, dir, jwtSecret, envVars, parameters);
    }

    public LocalOptions withEnvVars(Path file) {
        return new LocalOptions(port, endpoint, dataDir, tableName, template, webDir, jwtSecret, file, parameters);
    }

    public boolean persistent() {
        return dataDir != null;
    }

    /** Parses the command line over the environment; throws {@link UsageException} on a bad argument. */
    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String port = env.get("PORT");
        String endpoint = env.get("AWS_ENDPOINT_URL");
        String dataDir = env.get("LOCAL_DATA_DIR");
        String table = env.getOrDefault("LOCAL_TABLE_NAME", DEFAULT_TABLE);
        String template = null;
        String webDir = null;
        String envVars = null;
        String overrides = null;
        boolean persist = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            switch (arg) {
                case "--persist" -> persist = true;
                case "--port", "--data-dir", "--endpoint", "--table", "--template", "--web-dir", "--env-vars",
                     "--parameter-overrides" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--port" -> port = value;
                        case "--data-dir" -> dataDir = value;
                        case "--endpoint" -> endpoint = value;
                        case "--table" -> table = value;
                        case "--template" -> template = value;
                        case "--env-vars" -> envVars = value;
                        case "--parameter-overrides" -> overrides = value;
                        default -> webDir = value;
                    }
                }
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        int portNumber;
        try {
            portNumber = port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("the port must be a number, not '" + port + "'");
        }
        URI endpointUri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            endpointUri = URI.create(endpoint.strip());
            if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
                throw new UsageException("the endpoint must be a URL such as http://127.0.0.1:5000");
            }
        }
        Path data = null;
        if (dataDir != null && !dataDir.isBlank()) {
            data = Path.of(dataDir).toAbsolutePath();
        } else if (persist) {
            data = repoRootOrHere().resolve(".local-data");
        }
        Path templateFile = template != null ? Path.of(template).toAbsolutePath() : RepoRoot.template();
        Path web = webDir != null ? Path.of(webDir).toAbsolutePath() : repoRootOrHere().resolve("infra/web");
        String secret = env.get("LOCAL_JWT_SECRET");
        Path envFile = envVars != null ? Path.of(envVars).toAbsolutePath() : null;
        if (envFile != null && !Files.isRegularFile(envFile)) {
            throw new UsageException("--env-vars: no file " + envFile);
        }
        Path defaultEnv = repoRootOrHere().resolve(DEFAULT_ENV_VARS);
        if (envFile == null && Files.isRegularFile(defaultEnv)) {
            envFile = defaultEnv;
        }
        return new LocalOptions(portNumber, endpointUri, data, table, templateFile, web,
                secret == null || secret.isEmpty() ? null : secret, envFile, parameterOverrides(overrides));
    }

    /** {@code "Key=Value Key2=Value2"} (sam's form; {@code ParameterKey=K,ParameterValue=V} is accepted too). */
    static Map<String, String> parameterOverrides(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return parameters;
        }
        for (String pair : text.strip().split("\\s+")) {
            String key;
            String value;
            if (pair.startsWith("ParameterKey=") && pair.contains(",ParameterValue=")) {
                key = pair.substring("ParameterKey=".length(), pair.indexOf(",ParameterValue="));
                value = pair.substring(pair.indexOf(",ParameterValue=") + ",ParameterValue=".length());
            } else if (pair.indexOf('=') > 0) {
                key = pair.substring(0, pair.indexOf('='));
                value = pair.substring(pair.indexOf('=') + 1);
            } else {
                throw new UsageException("--parameter-overrides takes Key=Value pairs, not '" + pair + "'");
            }
            parameters.put(key, value);
        }
        return parameters;
    }

    private static Path repoRootOrHere() {
        try {
            return RepoRoot.get();
        } catch (IllegalStateException outside) {
            return Path.of("").toAbsolutePath();
        }
    }
}
