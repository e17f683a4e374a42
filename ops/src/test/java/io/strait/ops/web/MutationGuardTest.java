package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MutationGuardTest {
    @Test
    void withoutATokenEveryMutationIsRefused() {
        MutationGuard guard = MutationGuard.of("", Map.of());
        assertThat(guard.enabled()).isFalse();
        assertThat(guard.authorised(null)).isFalse();
        assertThat(guard.authorised("Bearer ")).isFalse();
    }

    @Test
    void theConfiguredTokenAuthorises() {
        MutationGuard guard = MutationGuard.of("t0k", Map.of());
        assertThat(guard.authorised("Bearer t0k")).isTrue();
        assertThat(guard.authorised("Bearer t0k2")).isFalse();
        assertThat(guard.authorised("Basic t0k")).isFalse();
        assertThat(guard.toString()).doesNotContain("t0k");
    }

    @Test
    void theEnvironmentWins() {
        MutationGuard guard = MutationGuard.of("from-config", Map.of(MutationGuard.ENV, "from-env"));
        assertThat(guard.authorised("Bearer from-env")).isTrue();
        assertThat(guard.authorised("Bearer from-config")).isFalse();
    }
}
