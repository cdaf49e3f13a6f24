package com.platform.billing.bench.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.platform.billing.api.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in a fresh JVM whose classpath is this probe's own small jar, the function's shaded jar (template.yaml's
 * CodeUri) and the Lambda serialization library (which the Lambda Java runtime brings, not the function). Does what
 * the Lambda runtime does for a cold start: load and construct the handler and build its serializers (init phase,
 * configuration from the environment), then deserialize the first event, call the handler and serialize the result.
 * Takes a {@link RequestHandler} (serializers chosen from its declared types, as the runtime does) or a
 * {@link RequestStreamHandler} (raw bytes). With {@code primed}, it first runs the function's registered SnapStart
 * priming, as Lambda would before taking the snapshot.
 *
 * <p>Prints one line {@code #probe done status=<n> init_ms=<n> priming_ms=<n> invoke_ms=<n>}; the parent times
 * the whole process from its own clock. {@code status} is the response's {@code statusCode}, or 200 for a handler
 * that returned without one. Usage: {@code ColdStartProbe <handlerClass> <eventFile> cold|primed}.
 */
public final class ColdStartProbe {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})");

    /** The handler behind the runtime's calling convention: event bytes in, result bytes out. */
    @FunctionalInterface
    private interface Invoker {
        byte[] invoke(byte[] event, Context context) throws IOException;
    }

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String handlerClass = args[0];
        Path eventFile = Path.of(args[1]);
        boolean primed = "primed".equals(args[2]);

        ClassLoader loader = ColdStartProbe.class.getClassLoader();
        Object handler = Class.forName(handlerClass, true, loader).getConstructor().newInstance();
        Invoker invoker = invoker(handler, loader);
        long initialised = System.nanoTime();

        if (primed) {
            Priming.registered().forEach(Priming::prime);
        }
        long ready = System.nanoTime();

        byte[] result = invoker.invoke(Files.readAllBytes(eventFile), new ProbeContext());
        long answered = System.nanoTime();

        Matcher status = STATUS.matcher(new String(result, StandardCharsets.UTF_8));
        System.out.println("#probe done status=" + (status.find() ? status.group(1) : "200")
                + " init_ms=" + millis(initialised - started)
                + " priming_ms=" + millis(ready - initialised)
                + " invoke_ms=" + millis(answered - ready));
        System.out.flush();
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static Invoker invoker(Object handler, ClassLoader loader) {
        if (handler instanceof RequestStreamHandler stream) {
            return (event, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            };
        }
        if (handler instanceof RequestHandler<?, ?> typed) {
            Method method = handleRequest(handler.getClass());
            PojoSerializer<Object> in = serializer(method.getParameterTypes()[0], loader);
            PojoSerializer<Object> out = method.getReturnType() == void.class || method.getReturnType() == Void.class
                    ? null : serializer(method.getReturnType(), loader);
            RequestHandler<Object, Object> call = (RequestHandler<Object, Object>) typed;
            return (event, context) -> {
                Object result = call.handleRequest(in.fromJson(new ByteArrayInputStream(event)), context);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                if (out != null && result != null) {
                    out.toJson(result, bytes);
                }
                return bytes.toByteArray();
            };
        }
        throw new IllegalArgumentException(handler.getClass().getName()
                + " is neither a RequestHandler nor a RequestStreamHandler");
    }

    /** The handler's own handleRequest (not the erased bridge), whose types choose the serializers. */
    private static Method handleRequest(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals("handleRequest") && !method.isBridge() && !method.isSynthetic()
                        && method.getParameterCount() == 2 && method.getParameterTypes()[1] == Context.class) {
                    return method;
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " declares no handleRequest(event, Context)");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    static long millis(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }
}
