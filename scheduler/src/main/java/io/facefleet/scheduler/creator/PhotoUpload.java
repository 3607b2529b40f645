package io.facefleet.scheduler.creator;

import io.facefleet.scheduler.api.ApiException;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** An uploaded photo that has been checked to be an image the workers can decode. */
record PhotoUpload(String fileName, byte[] content) {

    /** @throws ApiException (400) for no photos, or for a file that is not a JPEG, PNG, WebP or BMP image */
    static List<PhotoUpload> checked(List<MultipartFile> files) {
        List<MultipartFile> sent = files == null ? List.of() : files.stream().filter(PhotoUpload::isChosen).toList();
        if (sent.isEmpty()) {
            throw ApiException.badRequest("Send at least one photo of the creator's face in the multipart field 'photos'");
        }
        List<PhotoUpload> photos = new ArrayList<>();
        for (MultipartFile file : sent) {
            String name = fileName(file, photos.size() + 1);
            byte[] content = bytes(file);
            if (ImageFormat.of(content).isEmpty()) {
                throw ApiException.badRequest("'" + name + "' is not a photo: send JPEG, PNG, WebP or BMP images");
            }
            photos.add(new PhotoUpload(name, content));
        }
        return photos;
    }

    /** A form whose file input was left empty still sends the part, without a name or bytes. */
    private static boolean isChosen(MultipartFile file) {
        return !file.isEmpty() || (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank());
    }

    /** Browsers on Windows send the whole path; keep the name. */
    private static String fileName(MultipartFile file, int position) {
        String original = file.getOriginalFilename();
        if (original == null || original.isBlank()) {
            return "photo-" + position;
        }
        return original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + file.getOriginalFilename(), e);
        }
    }
}
