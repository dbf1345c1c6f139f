package org.lacuna.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * JSON in and out for the config records. Strict: an unknown key, a missing key and a null are errors,
 * reported with the key's path.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Parses a record; every problem becomes an IllegalArgumentException whose message names the key's path and what
     * is wrong in words ("$.config.imageSize is missing", "$.version: expected a whole number, found text"), never
     * the JSON library's own vocabulary.
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown key '" + e.getPropertyName() + "' at " + path(e), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException(e.getOriginalMessage(), e);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(mismatch(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + describe(e), e);
        }
    }

    /**
     * What is wrong with some JSON text, in a line a person can act on: the parser's first sentence without its
     * internals ("(start marker at [Source: ...])"), and where ("line 1, column 10").
     */
    public static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        int cut = what.indexOf('\n');
        if (cut >= 0) {
            what = what.substring(0, cut);
        }
        int internals = what.indexOf(" (start marker at");
        if (internals < 0) {
            internals = what.indexOf(" at [Source");
        }
        if (internals >= 0) {
            what = what.substring(0, internals);
        }
        var at = e.getLocation();
        return what + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")");
    }

    private static String mismatch(MismatchedInputException e) {
        String path = path(e);
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Missing creator property") || original.startsWith("Missing required creator property")) {
            return path + " is missing";
        }
        String expected = kind(e.getTargetType());
        if (original.startsWith("Cannot map `null`") || original.contains("Null value for creator property")) {
            return path + " is null; " + expected + " is needed";
        }
        String found = found(original);
        return path + ": expected " + expected + (found == null ? "" : ", found " + found);
    }

    /** What a value of the type looks like, for a person. */
    private static String kind(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] values = type.getEnumConstants();
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append('\'').append(values[i].toString().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-')).append('\'');
            }
            return sb.toString();
        }
        return "an object";
    }

    /** What the file held instead, from the library's message ("from String \"x\"", "from Array value"). */
    private static String found(String message) {
        if (message.contains("from String")) {
            return "text";
        }
        if (message.contains("from Array value")) {
            return "a list";
        }
        if (message.contains("from Object value")) {
            return "an object";
        }
        if (message.contains("from Boolean value")) {
            return "true or false";
        }
        if (message.contains("from Floating-point value")) {
            return "a number with a fraction";
        }
        if (message.contains("from Integer value")) {
            return "a whole number";
        }
        return null;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder("$");
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
