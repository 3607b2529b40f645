package io.facefleet.scheduler.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.stream.Collectors;

/** What is wrong with a JSON request body, in words that name the field. */
final class JsonProblem {

    private JsonProblem() {
    }

    static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "'" + path(unknown) + "' is not a field of this request" + known(unknown.getKnownPropertyIds());
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return (mismatch.getPath().isEmpty() ? "The request body" : "'" + path(mismatch) + "'") + " must be "
                    + expected(mismatch.getTargetType());
        }
        if (cause instanceof JacksonException json) {
            String message = json.getOriginalMessage();
            if (!json.getPath().isEmpty()) {
                return "'" + path(json) + "': " + message;
            }
            if (message != null && message.startsWith("Duplicate Object property")) {
                return "The request body gives a field twice: " + message.substring("Duplicate Object ".length());
            }
            return "The request body is not the JSON expected here: " + message;
        }
        return "The request body is not the JSON expected here: " + cause.getMessage();
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String known(Collection<Object> fields) {
        return fields == null || fields.isEmpty() ? "" : "; the fields are " + fields.stream().map(String::valueOf)
                .sorted().collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Float.class || type == float.class || type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON " + (type.isRecord() ? "object" : type.getSimpleName());
    }
}
