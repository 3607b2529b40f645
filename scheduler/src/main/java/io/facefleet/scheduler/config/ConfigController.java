package io.facefleet.scheduler.config;

import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.scheduler.api.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The recognition settings. A change applies to faces matched from then on, not to those already stored. */
@RestController
@RequestMapping("/api/config")
class ConfigController {

    private final ConfigStore config;

    ConfigController(ConfigStore config) {
        this.config = config;
    }

    @GetMapping
    ConfigView get() {
        return ConfigView.of(config.get());
    }

    @PutMapping
    ConfigView put(@RequestBody ConfigUpdate update) {
        RecognitionConfig changed;
        try {
            changed = update.applyTo(config.get());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ConfigView.of(config.update(changed));
    }
}
