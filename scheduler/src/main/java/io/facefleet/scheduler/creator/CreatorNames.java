package io.facefleet.scheduler.creator;

import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.TextInput;

/** A creator's name as the API takes it: trimmed, not blank, not absurdly long, no control characters. */
public final class CreatorNames {

    static final int MAX_LENGTH = 200;

    private CreatorNames() {
    }

    public static String checked(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("'name' is required: the creator's name, for instance \"Barack Obama\"");
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw ApiException.badRequest("'name' is longer than " + MAX_LENGTH + " characters");
        }
        return TextInput.withoutControlCharacters("name", trimmed);
    }

    public static ApiException taken(String name) {
        return ApiException.conflict("A creator named '" + name + "' already exists");
    }
}
