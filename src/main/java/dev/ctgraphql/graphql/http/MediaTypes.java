package dev.ctgraphql.graphql.http;

import java.util.Locale;

/** The media types {@code /graphql} answers in, and the choice among them by the caller's {@code Accept} header. */
final class MediaTypes {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final String JSON = "application/json";

    private MediaTypes() {
    }

    /** Whether a Content-Type is plain JSON in UTF-8 ({@code application/json}, charset utf-8 or none). */
    static boolean plainJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return type.equals(JSON) || type.equals(JSON + ";charset=utf-8");
    }

    /**
     * The media type to answer with: among the types the caller accepts (by preference, {@code q} weights honoured),
     * the first we can produce; JSON when it states no preference; null when it accepts nothing we produce.
     */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        String best = null;
        double bestWeight = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        weight = 0;
                    }
                }
            }
            String produced = switch (type) {
                case GRAPHQL_RESPONSE, "application/graphql+json" -> GRAPHQL_RESPONSE;
                case JSON, "application/*", "*/*" -> JSON;
                default -> null;
            };
            // on equal weights the first listed wins
            if (produced != null && weight > bestWeight) {
                best = produced;
                bestWeight = weight;
            }
        }
        return best;
    }
}
