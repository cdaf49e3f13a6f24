package com.platform.billing.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.platform.billing.devkit.LambdaJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One function of template.yaml, hosted in this JVM the way the Lambda Java runtime hosts it: its handler class is
 * instantiated once through its public no-arg constructor, inside the function's own environment; each invocation
 * gets the event JSON, deserialised to the handler's input type with the Lambda runtime's own serializers, and
 * returns the output as Lambda would put it on the wire (JSON). A handler class that is missing or fails to
 * initialise leaves the function unavailable; it never stops the runtime.
 */
final class FunctionHost {

    /** What the template says about a function. */
    record Spec(String logicalId, String handler, Map<String, String> environment, int timeoutSeconds,
                int memoryMb) {
    }

    /** The handler threw (Lambda reports a function error). */
    static final class FunctionError extends Exception {
        private final String errorType;

        FunctionError(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }

    /** The function could not be initialised. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private enum Kind { STREAM, TYPED }

    private record Invoker(Method method, Kind kind, Type inputType, boolean takesContext) {
    }

    private final Spec spec;
    private final String region;
    private final String accountId;
    private final Object instance;
    private final Invoker invoker;
    private final String failure;

    private FunctionHost(Spec spec, String region, String accountId, Object instance, Invoker invoker,
                         String failure) {
        this.spec = spec;
        this.region = region;
        this.accountId = accountId;
        this.instance = instance;
        this.invoker = invoker;
        this.failure = failure;
    }

    /** Loads and initialises the handler inside the function's environment; never throws. */
    static FunctionHost start(Spec spec, String region, String accountId) {
        long started = System.nanoTime();
        String className = spec.handler().contains("::") ? spec.handler().substring(0, spec.handler().indexOf("::"))
                : spec.handler();
        String methodName = spec.handler().contains("::")
                ? spec.handler().substring(spec.handler().indexOf("::") + 2) : "handleRequest";
        try {
            return ScopedProperties.with(spec.environment(), () -> {
                Class<?> type = Class.forName(className, true, FunctionHost.class.getClassLoader());
                Invoker invoker = invoker(type, methodName);
                Object instance = Modifier.isStatic(invoker.method().getModifiers()) ? null
                        : type.getConstructor().newInstance();
                RuntimeLog.info("function ready", "function", spec.logicalId(), "handler", spec.handler(),
                        "initMs", (System.nanoTime() - started) / 1_000_000);
                return new FunctionHost(spec, region, accountId, instance, invoker, null);
            });
        } catch (ClassNotFoundException | NoClassDefFoundError missing) {
            return unavailable(spec, region, accountId, "handler class " + className + " is not on the classpath",
                    missing);
        } catch (InvocationTargetException initFailed) {
            return unavailable(spec, region, accountId, "handler " + className + " failed to initialise",
                    initFailed.getCause());
        } catch (Exception | LinkageError other) {
            return unavailable(spec, region, accountId, "handler " + spec.handler() + " cannot be loaded", other);
        }
    }

    /** A function this runtime does not host (e.g. not a Java function): its routes answer 503. */
    static FunctionHost notHosted(Spec spec, String region, String accountId, String reason) {
        RuntimeLog.warn("function not hosted locally: its routes answer 503", "function", spec.logicalId(),
                "reason", reason);
        return new FunctionHost(spec, region, accountId, null, null, reason);
    }

    private static FunctionHost unavailable(Spec spec, String region, String accountId, String reason,
                                            Throwable cause) {
        RuntimeLog.error("function unavailable: its routes answer 503", cause, "function", spec.logicalId(),
                "handler", spec.handler(), "reason", reason);
        return new FunctionHost(spec, region, accountId, null, null, reason);
    }

    private static Invoker invoker(Class<?> type, String methodName) throws NoSuchMethodException {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic())
                .sorted(Comparator.comparingInt(Method::getParameterCount).reversed())
                .toList();
        for (Method method : candidates) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class
                    && (params.length == 2 || params.length == 3 && params[2] == Context.class)) {
                return new Invoker(method, Kind.STREAM, InputStream.class, params.length == 3);
            }
            if (params.length == 2 && params[1] == Context.class || params.length == 1) {
                Type input = resolve(method.getGenericParameterTypes()[0], type);
                return new Invoker(method, Kind.TYPED, input, params.length == 2);
            }
        }
        throw new NoSuchMethodException(type.getName() + " has no public handler method " + methodName
                + "(input[, Context]) or (InputStream, OutputStream[, Context])");
    }

    /** Resolves a handler's input type declared through a type variable (a generic base handler class). */
    private static Type resolve(Type declared, Class<?> handlerType) {
        if (!(declared instanceof TypeVariable<?> variable)) {
            return declared;
        }
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        for (Class<?> c = handlerType; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parent) {
                TypeVariable<?>[] variables = ((Class<?>) parent.getRawType()).getTypeParameters();
                Type[] arguments = parent.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    Type argument = arguments[i];
                    bindings.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                            ? bindings.get(v) : argument);
                }
            }
        }
        Type bound = bindings.get(variable);
        while (bound instanceof TypeVariable<?> v && bindings.containsKey(v) && bindings.get(v) != v) {
            bound = bindings.get(v);
        }
        return bound == null || bound instanceof TypeVariable<?> ? Object.class : bound;
    }

    Spec spec() {
        return spec;
    }

    boolean available() {
        return failure == null;
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Invokes the function with an event and returns its output JSON, as Lambda would. Runs on the calling thread
     * inside the function's environment.
     */
    byte[] invoke(byte[] event, String awsRequestId) throws FunctionError, Unavailable {
        if (failure != null) {
            throw new Unavailable(failure);
        }
        long started = System.currentTimeMillis();
        LocalContext context = new LocalContext(awsRequestId, spec, region, accountId,
                started + spec.timeoutSeconds() * 1000L);
        try {
            return ScopedProperties.with(spec.environment(), () -> call(event, context));
        } finally {
            long elapsed = System.currentTimeMillis() - started;
            if (elapsed > spec.timeoutSeconds() * 1000L) {
                RuntimeLog.warn("invocation exceeded the function's Timeout (Lambda would have stopped it)",
                        "function", spec.logicalId(), "timeoutSeconds", spec.timeoutSeconds(), "elapsedMs",
                        elapsed);
            }
        }
    }

    private byte[] call(byte[] event, Context context) throws FunctionError {
        Method method = invoker.method();
        try {
            if (invoker.kind() == Kind.STREAM) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                InputStream in = new ByteArrayInputStream(event);
                if (invoker.takesContext()) {
                    method.invoke(instance, in, out, context);
                } else {
                    method.invoke(instance, in, out);
                }
                return out.toByteArray();
            }
            Object input = deserialize(new String(event, StandardCharsets.UTF_8), invoker.inputType());
            Object output = invoker.takesContext() ? method.invoke(instance, input, context)
                    : method.invoke(instance, input);
            return method.getReturnType() == void.class || output == null
                    ? "null".getBytes(StandardCharsets.UTF_8) : serialize(output);
        } catch (InvocationTargetException thrown) {
            Throwable cause = thrown.getCause();
            RuntimeLog.error("function error", cause, "function", spec.logicalId(), "awsRequestId",
                    context.getAwsRequestId());
            throw new FunctionError(cause.getClass().getSimpleName(), "the function threw", cause);
        } catch (IllegalAccessException | RuntimeException unmarshal) {
            RuntimeLog.error("the event could not be handed to the function", unmarshal, "function",
                    spec.logicalId());
            throw new FunctionError("Runtime.UnmarshalError", "the event could not be deserialised", unmarshal);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object deserialize(String json, Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return LambdaJson.fromJson(json, raw);
        }
        PojoSerializer serializer = type instanceof Class<?> c ? JacksonFactory.getInstance().getSerializer(c)
                : JacksonFactory.getInstance().getSerializer(type);
        return serializer.fromJson(json);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] serialize(Object output) {
        Class type = output.getClass();
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaJson.toJson(output, type).getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PojoSerializer serializer = JacksonFactory.getInstance().getSerializer(type);
        serializer.toJson(output, out);
        return out.toByteArray();
    }
}
