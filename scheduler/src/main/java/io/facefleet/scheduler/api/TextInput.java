package io.facefleet.scheduler.api;

/** Text the API stores or logs: no control characters (PostgreSQL refuses NUL; a newline would forge log lines). */
public final class TextInput {

    private TextInput() {
    }

    /** @throws ApiException (400) naming the field and the first control character's position */
    public static String withoutControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw ApiException.badRequest("'" + field + "' contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1) + ": send plain text");
            }
        }
        return value;
    }
}
