package io.facefleet.worker.engine;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis, for the lock that serialises rematches across the fleet; with FACEFLEET_REDIS_PASSWORD where it asks for one. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    public RedissonClient redisson(@Value("${facefleet.redis.address}") String address,
                                   @Value("${facefleet.redis.password:}") String password) {
        Config config = new Config();
        config.useSingleServer().setAddress(address).setRetryAttempts(3).setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4).setPassword(password.isEmpty() ? null : password);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }
}
