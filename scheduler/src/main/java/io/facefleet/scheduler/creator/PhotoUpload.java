package io.facefleet.scheduler.creator;

import io.facefleet.common.image.ImageCheck;
import io.facefleet.common.image.ImageRejectedException;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.TextInput;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An uploaded photo that has passed the workers' own {@link ImageCheck}: a JPEG, PNG, WebP or BMP file, whole, within
 * the pixel budget. Refused here, a bad photo is never stored, so its enrolment cannot fail for the wrong reason.
 */
public record PhotoUpload(String fileName, byte[] content) {

    /** The longest file name most file systems allow. */
    static final int MAX_FILE_NAME_LENGTH = 255;

    private static final ImageCheck CHECK = new ImageCheck(ImageCheck.DEFAULT_MAX_PIXELS);

    /** @throws ApiException 400 for no photos or a file that is not a whole image, 413 for one over the budget */
    static List<PhotoUpload> checked(List<MultipartFile> files) {
        return checked(files, "Send at least one photo of the creator's face in the multipart field 'photos'");
    }

    /**
     * One photo, e.g. to search with.
     *
     * @throws ApiException 400 with {@code missing} when none was sent, as {@link #checked(List)} otherwise
     */
    public static PhotoUpload checkedOne(MultipartFile file, String missing) {
        return checked(file == null ? List.of() : List.of(file), missing).getFirst();
    }

    private static List<PhotoUpload> checked(List<MultipartFile> files, String missing) {
        List<MultipartFile> sent = files == null ? List.of() : files.stream().filter(PhotoUpload::isChosen).toList();
        if (sent.isEmpty()) {
            throw ApiException.badRequest(missing);
        }
        List<PhotoUpload> photos = new ArrayList<>();
        for (MultipartFile file : sent) {
            String name = fileName(file, photos.size() + 1);
            byte[] content = bytes(file);
            try {
                CHECK.check(content);
            } catch (ImageRejectedException e) {
                String message = "'" + name + "' is not a photo the workers can use: " + e.getMessage();
                throw e.reason() == ImageRejectedException.Reason.TOO_LARGE
                        ? ApiException.contentTooLarge(message) : ApiException.badRequest(message);
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
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        if (name.length() > MAX_FILE_NAME_LENGTH) {
            throw ApiException.badRequest("The file name of photo " + position + " is longer than "
                    + MAX_FILE_NAME_LENGTH + " characters");
        }
        return TextInput.withoutControlCharacters("file name of photo " + position, name);
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + file.getOriginalFilename(), e);
        }
    }
}
