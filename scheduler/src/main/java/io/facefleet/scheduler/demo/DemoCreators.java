package io.facefleet.scheduler.demo;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Enrols one creator per sub-folder of a photos folder through the scheduler's REST API, as a user would:
 * the folder's name with underscores read as spaces, every image in it as a photo.
 */
public final class DemoCreators {

    private final RestClient api;

    /** Calls the API at {@code baseUrl} with an admin's bearer token. */
    public DemoCreators(String baseUrl, String token) {
        this.api = RestClient.builder().baseUrl(baseUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    public int enrolAll(Path photosFolder) {
        List<Path> people;
        try (Stream<Path> folders = Files.list(photosFolder)) {
            people = folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + photosFolder, e);
        }
        people.forEach(this::enrol);
        return people.size();
    }

    private void enrol(Path folder) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", folder.getFileName().toString().replace('_', ' '));
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).filter(DemoCreators::isImage).sorted()
                    .forEach(photo -> form.add("photos", new FileSystemResource(photo)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        api.post().uri("/api/creators").contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .retrieve().toBodilessEntity();
    }

    private static boolean isImage(Path file) {
        return file.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|webp|bmp)");
    }
}
