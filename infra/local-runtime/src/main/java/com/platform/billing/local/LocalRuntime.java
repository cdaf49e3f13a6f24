package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Problems;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTableFactory;
import com.platform.billing.devkit.Template;
import com.platform.billing.domain.BillingException;
import com.platform.billing.dynamodb.DynamoDbClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The service on this machine, in one JVM, like {@code sam local start-api} without containers: reads
 * template.yaml, starts a DynamoDB-compatible backend (moto_server, unless an endpoint is given), creates the ledger
 * table from the template's own definition, hosts every function in-process, and serves every HttpApi route on
 * {@code http://127.0.0.1:<port>} with API Gateway-shaped payload 2.0 events and the template's authorizers
 * enforced. Local-only endpoints live under {@code /_local/} ({@link LocalEndpoints}); {@code GET /} serves
 * infra/web; extensions mount more under their own prefix ({@link #mount}).
 */
public final class LocalRuntime implements AutoCloseable {

    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final String STACK_NAME = "billing-local";

    private record Mount(String prefix, LocalHttpHandler handler) {
    }

    private final LocalOptions options;
    private final LocalBackend backend;
    private final DynamoDbClient dynamo;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final LocalJwt jwt;
    private final Map<String, FunctionHost> functions = new LinkedHashMap<>();
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private Routes routes;
    private Authorizers authorizers;
    private LocalEndpoints endpoints;
    private StaticFiles staticFiles;

    private LocalRuntime(LocalOptions options, LocalBackend backend, DynamoDbClient dynamo, HttpServer server,
                         LocalJwt jwt) {
        this.options = options;
        this.backend = backend;
        this.dynamo = dynamo;
        this.server = server;
        this.jwt = jwt;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(LocalOptions.USAGE);
                return;
            }
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (LocalOptions.UsageException | IllegalStateException e) {
            System.err.println("local runtime: " + e.getMessage());
            System.err.print(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalRuntime runtime;
        try {
            runtime = start(options);
        } catch (Exception e) {
            System.err.println("local runtime: could not start: " + e.getMessage());
            RuntimeLog.error("local runtime could not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-runtime-shutdown"));
        runtime.printReady(System.out);
        runtime.awaitStop();
    }

    /** Starts everything; the returned runtime is serving. Close it to stop (the backend too, if started here). */
    public static LocalRuntime start(LocalOptions options) throws IOException {
        ScopedProperties.install();
        Template template = Template.load(options.template());
        JsonNode tree = CfnYaml.read(options.template());
        LocalJwt jwt = new LocalJwt(signingKey(options), Clock.systemUTC());
        LocalBackend backend = LocalBackend.start(options);
        DynamoDbClient dynamo = null;
        HttpServer server = null;
        try {
            dynamo = DynamoDbClients.create(AwsBackend.REGION, AwsBackend.CREDENTIALS, backend.endpoint(), List.of());
            LedgerTableFactory.createIfAbsent(dynamo, template, options.tableName(), true);
            server = bind(options.port());
            LocalRuntime runtime = new LocalRuntime(options, backend, dynamo, server, jwt);
            runtime.init(template, tree);
            return runtime;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.stop(0);
            }
            if (dynamo != null) {
                dynamo.close();
            }
            backend.close();
            throw e;
        }
    }

    private static HttpServer bind(int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        } catch (BindException inUse) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use: stop what holds it, or pass --port"
                    + " (or PORT) with another one", inUse);
        }
    }

    private void init(Template template, JsonNode tree) {
        String region = AwsBackend.REGION.id();
        String tableName = options.tableName();
        String streamArn = dynamo.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        Intrinsics intrinsics = new Intrinsics(tree, new Intrinsics.Locals(region, HttpApiEvents.ACCOUNT_ID,
                STACK_NAME, tableName, "arn:aws:dynamodb:" + region + ":" + HttpApiEvents.ACCOUNT_ID + ":table/"
                + tableName, streamArn, baseUrl.toString(),
                parameters(),
                LocalSecrets.provision(tree, backend.endpoint(), STACK_NAME)));

        Map<String, String> runtimeValues = new LinkedHashMap<>();
        runtimeValues.put("AWS_ENDPOINT_URL", backend.endpoint().toString());
        runtimeValues.put("AWS_ENDPOINT_URL_DYNAMODB", backend.endpoint().toString());
        runtimeValues.put("AWS_REGION", region);
        runtimeValues.put("AWS_DEFAULT_REGION", region);
        runtimeValues.put("aws.accessKeyId", "testing");
        runtimeValues.put("aws.secretAccessKey", "testing");
        runtimeValues.put("LOCAL_BASE_URL", baseUrl.toString());
        runtimeValues.put("PG_WEBHOOK_BASE_URL", baseUrl.toString());
        // [issue 3, top-up] The sandbox gateway's HMAC key for this run, shared by the functions and the /_sandbox/
        // simulator (SandboxGatewayExtension); a PG_SANDBOX_SECRET in the environment wins.
        runtimeValues.put("PG_SANDBOX_SECRET", java.util.Optional.ofNullable(System.getenv("PG_SANDBOX_SECRET"))
                .orElseGet(() -> java.util.HexFormat.of().formatHex(LocalJwt.randomKey())));

        JsonNode envVars = readEnvVars(options.envVars());
        List<FunctionHost.Spec> specs = new ArrayList<>();
        JsonNode globals = tree.path("Globals").path("Function");
        for (Template.Function function : template.functions()) {
            JsonNode properties = tree.path("Resources").path(function.logicalId()).path("Properties");
            Map<String, String> environment = new LinkedHashMap<>(runtimeValues);
            environment.putAll(environment(function.logicalId(), globals, properties, intrinsics));
            envVars.path("Parameters").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
            envVars.path(function.logicalId()).properties().forEach(e -> environment.put(e.getKey(),
                    e.getValue().asText()));
            environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            int memory = properties.path("MemorySize").asInt(globals.path("MemorySize").asInt(128));
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            specs.add(new FunctionHost.Spec(function.logicalId(), function.handler(), Map.copyOf(environment),
                    properties.path("Timeout").asInt(globals.path("Timeout").asInt(3)), memory));
        }
        shareCommonValues(specs);
        for (FunctionHost.Spec spec : specs) {
            JsonNode properties = tree.path("Resources").path(spec.logicalId()).path("Properties");
            String runtime = properties.path("Runtime").asText(globals.path("Runtime").asText("java25"));
            functions.put(spec.logicalId(), runtime.startsWith("java") ? FunctionHost.start(spec, region,
                    HttpApiEvents.ACCOUNT_ID) : FunctionHost.notHosted(spec, region, HttpApiEvents.ACCOUNT_ID,
                    "runtime " + runtime + " is not hosted by the Java local runtime"));
        }

        List<Routes.Route> routeList = template.httpRoutes().stream()
                .map(r -> new Routes.Route(r.method(), r.path(), r.functionId(), r.auth())).toList();
        routes = new Routes(routeList);
        authorizers = new Authorizers(tree, intrinsics, jwt);
        endpoints = new LocalEndpoints(functions, routes, tree, jwt, Clock.systemUTC(), region);
        staticFiles = options.webDir() == null ? null : new StaticFiles(options.webDir());

        mount(OpenApiDocument.PATH, new OpenApiDocument(options.template()));
        for (LocalExtension extension : ServiceLoader.load(LocalExtension.class)) {
            try {
                extension.register(this);
                RuntimeLog.info("extension registered", "extension", extension.getClass().getName());
            } catch (Exception | LinkageError e) {
                RuntimeLog.error("extension failed; skipped", e, "extension", extension.getClass().getName());
            }
        }
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
        RuntimeLog.info("local runtime ready", "baseUrl", baseUrl, "table", tableName, "backend",
                backend.description(), "functions", functions.size(), "routes", routeList.size());
    }

    /** Template parameters: overrides from the command line, with the JWT authorizer's kept local. */
    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>(options.parameters());
        for (String fixed : List.of("JwtIssuer", "JwtAudience")) {
            if (parameters.containsKey(fixed)) {
                RuntimeLog.warn("parameter override ignored: the local authorizer uses local tokens", "parameter",
                        fixed);
            }
        }
        parameters.put("JwtIssuer", LocalJwt.ISSUER);
        parameters.put("JwtAudience", LocalJwt.AUDIENCE);
        // [issue 7, billing page] When the billing page is served, the payment page sends the browser back to it
        // (`/?orderId=…&status=…`), unless --parameter-overrides sets PaymentFinishUrl.
        if (options.webDir() != null) {
            parameters.putIfAbsent("PaymentFinishUrl", baseUrl + "/");
        }
        return parameters;
    }

    /** {@code sam local --env-vars} JSON: {"Parameters": {all functions}, "<LogicalId>": {one function}}. */
    private static JsonNode readEnvVars(Path file) {
        if (file == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        JsonNode tree;
        try {
            tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("--env-vars " + file + " is not valid JSON", e);
        }
        boolean valid = tree != null && tree.isObject();
        for (JsonNode section : valid ? tree : List.<JsonNode>of()) {
            valid &= section.isObject();
            for (JsonNode value : section) {
                valid &= value.isValueNode() && !value.isNull();
            }
        }
        if (!valid) {
            throw new IllegalStateException("--env-vars " + file + " must be {\"Parameters\": {\"NAME\": \"value\"},"
                    + " \"<FunctionLogicalId>\": {...}}");
        }
        RuntimeLog.info("function environment overrides", "file", file);
        return tree;
    }

    /** The function's environment from Globals and its own Variables, intrinsics resolved; unresolvable skipped. */
    private static Map<String, String> environment(String functionId, JsonNode globals, JsonNode properties,
                                                   Intrinsics intrinsics) {
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties().forEach(e -> declared.put(e.getKey(),
                e.getValue()));
        properties.path("Environment").path("Variables").properties().forEach(e -> declared.put(e.getKey(),
                e.getValue()));
        Map<String, String> resolved = new LinkedHashMap<>();
        declared.forEach((name, value) -> {
            Intrinsics.Result result = intrinsics.resolve(value);
            if (result.resolved()) {
                resolved.put(name, result.value());
            } else {
                RuntimeLog.warn("environment variable left unset locally", "function", functionId, "variable",
                        name, "reason", result.problem());
            }
        });
        return resolved;
    }

    /**
     * Values every function has alike become plain system properties (seen by any thread); the rest stay in each
     * function's own layer ({@link ScopedProperties}).
     */
    private static void shareCommonValues(List<FunctionHost.Spec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        Map<String, String> common = new HashMap<>(specs.getFirst().environment());
        for (FunctionHost.Spec spec : specs) {
            common.entrySet().removeIf(e -> !e.getValue().equals(spec.environment().get(e.getKey())));
        }
        common.remove("AWS_LAMBDA_FUNCTION_NAME");
        common.forEach(System::setProperty);
    }

    private static byte[] signingKey(LocalOptions options) throws IOException {
        if (options.jwtSecret() != null) {
            return options.jwtSecret().getBytes(StandardCharsets.UTF_8);
        }
        if (!options.persistent()) {
            return LocalJwt.randomKey();
        }
        // Persisted data: keep the key too, so tokens minted before a restart still work after it.
        Path file = options.dataDir().resolve("jwt-signing-key");
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).strip());
        }
        Files.createDirectories(options.dataDir());
        byte[] key = LocalJwt.randomKey();
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
        return key;
    }

    // ------------------------------------------------------------------ serving

    private void exchange(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            serve(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void serve(HttpExchange exchange) {
        long started = System.nanoTime();
        String requestId = HttpApiEvents.requestId();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String[] served = {null};
        LocalHttpResponse response;
        try {
            LocalHttpRequest request = read(exchange, method, rawPath);
            response = request == null ? LocalHttpResponse.text(413, "application/json",
                    "{\"message\":\"Request Entity Too Large\"}") : dispatch(request, requestId, served);
        } catch (BillingException refused) {
            response = LambdaResponses.fromApiGateway(Problems.from(refused, rawPath));
        } catch (Exception | LinkageError unexpected) {
            RuntimeLog.error("local runtime failed to serve a request", unexpected, "method", method, "path",
                    rawPath);
            response = LocalHttpResponse.problem("internal", "The local runtime failed; its log has the details.",
                    rawPath);
        }
        int status = write(exchange, method, response, requestId);
        RuntimeLog.emit(status >= 500 ? "ERROR" : "INFO", "local request", "method", method, "path", rawPath,
                "status", status, "latencyMs", (System.nanoTime() - started) / 1_000_000, "requestId", requestId,
                "function", served[0]);
    }

    private LocalHttpResponse dispatch(LocalHttpRequest request, String requestId, String[] served)
            throws Exception {
        String path = request.rawPath();
        if (path.equals(LocalEndpoints.PREFIX) || path.startsWith(LocalEndpoints.PREFIX + "/")) {
            return endpoints.handle(request);
        }
        for (Mount mount : mounts) {
            if (path.equals(mount.prefix()) || path.startsWith(mount.prefix() + "/")) {
                served[0] = mount.prefix();
                return mount.handler().handle(request);
            }
        }
        boolean readsFiles = request.method().equals("GET") || request.method().equals("HEAD");
        return switch (routes.match(request.method(), path)) {
            case Routes.Matched matched -> {
                served[0] = matched.route().functionId();
                yield invoke(matched, request, requestId).withHeader("apigw-requestid", requestId);
            }
            case Routes.MethodNotAllowed notAllowed -> readsFiles && staticFiles != null
                    ? staticFiles.serve(request).orElseGet(() -> methodNotAllowed(path, notAllowed.allowed()))
                    : methodNotAllowed(path, notAllowed.allowed());
            case Routes.NoRoute none -> readsFiles && staticFiles != null
                    ? staticFiles.serve(request).orElseGet(() -> noRoute(request))
                    : noRoute(request);
        };
    }

    private LocalHttpResponse invoke(Routes.Matched matched, LocalHttpRequest request, String requestId) {
        Routes.Route route = matched.route();
        Authorizers.Decision decision = authorizers.authorize(route, request);
        if (!decision.allowed()) {
            return decision.refusal();
        }
        FunctionHost function = functions.get(route.functionId());
        String event = HttpApiEvents.build(request, matched, decision.authorizer(), requestId,
                java.time.Instant.now(), server.getAddress().getPort()).toString();
        try {
            byte[] output = function.invoke(event.getBytes(StandardCharsets.UTF_8), UUID.randomUUID().toString());
            return LambdaResponses.fromOutput(output, route.functionId());
        } catch (FunctionHost.Unavailable unavailable) {
            return LocalHttpResponse.problem("function-unavailable", route.functionId() + " is unavailable locally: "
                    + unavailable.getMessage() + ". The runtime log at start says why.", request.rawPath());
        } catch (FunctionHost.FunctionError error) {
            return LambdaResponses.INTERNAL_SERVER_ERROR;
        }
    }

    private static LocalHttpResponse methodNotAllowed(String path, List<String> allowed) {
        return LocalHttpResponse.problem("method-not-allowed", path + " accepts " + String.join(", ", allowed)
                + ".", path).withHeader("allow", String.join(", ", allowed));
    }

    private static LocalHttpResponse noRoute(LocalHttpRequest request) {
        return LocalHttpResponse.problem("not-found", "No route of template.yaml matches " + request.method() + " "
                + request.rawPath() + ".", request.rawPath());
    }

    private static LocalHttpRequest read(HttpExchange exchange, String method, String rawPath) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.computeIfAbsent(
                name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new LocalHttpRequest(method, rawPath, rawQuery, headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    private static int write(HttpExchange exchange, String method, LocalHttpResponse response, String requestId) {
        try (exchange) {
            response.headers().forEach((name, values) -> {
                if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            int status = response.status();
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || response.body().length == 0;
            exchange.sendResponseHeaders(status, noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            return status;
        } catch (IOException clientGone) {
            RuntimeLog.warn("could not write the response (client gone?)", "requestId", requestId);
            return response.status();
        }
    }

    // ------------------------------------------------------------------ API for extensions and tests

    /**
     * Serves {@code pathPrefix} (e.g. {@code /_sandbox}) and everything under it with a local-only handler. A prefix
     * may not overlap {@code /_local} or a route of the template.
     */
    public void mount(String pathPrefix, LocalHttpHandler handler) {
        String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.contains("{")) {
            throw new IllegalArgumentException("a mount prefix is a literal path such as /_sandbox");
        }
        if (prefix.equals(LocalEndpoints.PREFIX) || prefix.startsWith(LocalEndpoints.PREFIX + "/")
                || LocalEndpoints.PREFIX.startsWith(prefix + "/")) {
            throw new IllegalArgumentException(prefix + " overlaps the runtime's own /_local endpoints");
        }
        for (Routes.Route route : routes.all()) {
            if (route.path().equals(prefix) || route.path().startsWith(prefix + "/")
                    || prefix.startsWith(route.path() + "/")) {
                throw new IllegalArgumentException(prefix + " overlaps the template route " + route.routeKey());
            }
        }
        for (Mount mount : mounts) {
            if (mount.prefix().equals(prefix)) {
                throw new IllegalArgumentException(prefix + " is already mounted");
            }
        }
        mounts.add(new Mount(prefix, handler));
        mounts.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
        RuntimeLog.info("mounted a local handler", "prefix", prefix, "handler", handler.getClass().getName());
    }

    /** {@code http://127.0.0.1:<port>}: the runtime's address, also given to functions as {@code LOCAL_BASE_URL}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public String tableName() {
        return options.tableName();
    }

    /** A client for the local backend (the runtime's own; do not close it). */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public URI backendEndpoint() {
        return backend.endpoint();
    }

    /** Mints a console token, as {@code POST /_local/tokens} does. */
    public String mintToken(String subject, List<String> orgs, List<String> roles) {
        return jwt.mint(subject, orgs, roles);
    }

    LocalJwt jwt() {
        return jwt;
    }

    void printReady(PrintStream out) {
        long unavailable = functions.values().stream().filter(f -> !f.available()).count();
        out.println("billing local runtime ready on " + baseUrl + "  (" + functions.size() + " functions"
                + (unavailable > 0 ? ", " + unavailable + " unavailable" : "") + ", " + routes.all().size()
                + " routes; table " + options.tableName() + " on " + backend.description()
                + (options.persistent() ? "; data kept in " + options.dataDir() : "; clean start") + ")");
        out.flush();
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving, then the backend if this runtime started it. Safe to call twice. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Let requests in progress finish (up to 5 s), then stop at once: HttpServer.stop(n) would wait n seconds.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.close();
        dynamo.close();
        backend.close();
        RuntimeLog.info("local runtime stopped", "baseUrl", baseUrl);
        stopped.countDown();
    }
}
