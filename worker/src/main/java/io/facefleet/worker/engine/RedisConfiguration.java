package io.facefleet.worker.engine;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis, for the lock that serialises rematches across the fleet. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    public RedissonClient redisson(@Value("${facefleet.redis.address}") String address) {
        Config config = new Config();
        config.useSingleServer().setAddress(address).setRetryAttempts(3).setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }
}
