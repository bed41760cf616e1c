package org.dartboard.cluster.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The secret is read as one line, proves itself with tokens that reveal nothing of it, and is never printed. */
class ClusterSecretTest {

    @Test
    void theWhitespaceAroundASecretIsNotPartOfIt() {
        ClusterSecret fromFile = ClusterSecret.of("  correct horse battery staple\n");
        ClusterSecret typed = ClusterSecret.of("correct horse battery staple");

        assertThat(fromFile.clientToken()).isEqualTo(typed.clientToken());
        assertThat(fromFile.nodeToken()).isEqualTo(typed.nodeToken());
        assertThat(fromFile.keyStorePassword()).containsExactly("correct horse battery staple".toCharArray());
    }

    @Test
    void anEmptyOrHugeSecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterSecret.of("")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterSecret.of(" \n\t\n")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> ClusterSecret.of("x".repeat(ClusterSecret.MAX_LENGTH + 1)))
                .withMessageContaining(String.valueOf(ClusterSecret.MAX_LENGTH));
        assertThat(ClusterSecret.of("x".repeat(ClusterSecret.MAX_LENGTH))).isNotNull();
    }

    @Test
    void tokensDifferForNodesAndClientsAndBetweenSecretsAndHideTheSecret() {
        ClusterSecret one = ClusterSecret.of("secret one");
        ClusterSecret two = ClusterSecret.of("secret two");

        assertThat(Set.of(one.nodeToken(), one.clientToken(), two.nodeToken(), two.clientToken())).hasSize(4);
        assertThat(one.clientToken()).matches("[0-9a-f]{64}").doesNotContain("secret");
        assertThat(ClusterSecret.sameToken(one.clientToken(), ClusterSecret.of("secret one").clientToken())).isTrue();
        assertThat(ClusterSecret.sameToken(one.clientToken(), two.clientToken())).isFalse();
        assertThat(ClusterSecret.sameToken(one.clientToken(), one.clientToken().substring(1))).isFalse();
    }

    @Test
    void theSecretIsNeverInItsDescription() {
        assertThat(ClusterSecret.of("hunter2").toString()).doesNotContain("hunter2");
        assertThat(new ClusterSecurity(ClusterSecret.of("hunter2"), null).toString()).doesNotContain("hunter2");
    }

    @Test
    void generatedSecretsAreLongRandomAndOneLine() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String text = ClusterSecret.generate().fileText();
            assertThat(text).matches("[A-Za-z0-9_-]{43}\n");
            seen.add(text);
        }
        assertThat(seen).hasSize(100);
    }
}
