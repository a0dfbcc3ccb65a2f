import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One cold start of the Lambda function as AWS's managed Java runtime makes it, without SnapStart: on the class path of
 * the unpacked {@code function.zip}, the handler of {@code deploy/lambda/template.yaml} is made (which starts Quarkus)
 * and handed one API Gateway HTTP API event, {@code POST /graphql} of {@code { __typename }} with an API key (the first
 * argument). Prints {@code cold-start <ms to the handler made> <ms to the answer> <CPU ms until then>}, counted from
 * the JVM's start, then the answer; exits with 1 when the answer is not {@code {"data":{"__typename":"Query"}}}. Used
 * by bench/lambda-start.sh; no network besides what the service itself opens.
 */
public final class LambdaColdStart {

    private LambdaColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String key = args[0];
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Class<?> handlerType = Class.forName("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler");
        Object handler = handlerType.getConstructor().newInstance();
        long made = System.currentTimeMillis() - jvmStart;
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] { contextType },
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 30_000;
                    case "getAwsRequestId" -> "lambda-cold-start";
                    case "getFunctionName" -> "clevertap-graphql";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "LambdaColdStart context";
                    default -> null;
                });
        String event = """
                {"version":"2.0","routeKey":"$default","rawPath":"/graphql","rawQueryString":"",
                 "headers":{"content-type":"application/json","accept":"application/json","x-api-key":"%s"},
                 "requestContext":{"http":{"method":"POST","path":"/graphql","protocol":"HTTP/1.1",
                   "sourceIp":"127.0.0.1","userAgent":"LambdaColdStart"},"routeKey":"$default","stage":"$default",
                   "requestId":"lambda-cold-start","domainName":"localhost"},
                 "body":"{\\"query\\":\\"{ __typename }\\"}","isBase64Encoded":false}
                """.formatted(key);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType).invoke(handler,
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), answer, context);
        long answered = System.currentTimeMillis() - jvmStart;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        String text = answer.toString(StandardCharsets.UTF_8);
        String data = "{\"data\":{\"__typename\":\"Query\"}}";
        boolean expected = text.contains("\"statusCode\":200") && (text.contains(data.replace("\"", "\\\""))
                || text.contains(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))));
        System.out.println("cold-start " + made + " " + answered + " " + cpu);
        System.out.println(text);
        System.exit(expected ? 0 : 1);
    }
}
