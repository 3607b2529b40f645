package io.facefleet.common.store;

import java.util.Optional;

/**
 * The nearest creator among some enrolled faces, and the version of the enrolled faces the statement saw
 * ({@code creator_embeddings_version}): whoever chose those faces knows whether it chose among all of them.
 */
public record CreatorMatchAmong(long embeddingsVersion, Optional<CreatorMatch> match) {
}
