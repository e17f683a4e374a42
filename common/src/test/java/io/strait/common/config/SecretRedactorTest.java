package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "password is hunter22 here|password is *** here",
            "token hunter22-and-more|token ***",
            "jdbc:mysql://db/strait?user=a&password=x1&ssl=true|jdbc:mysql://db/strait?user=a&password=***&ssl=true",
            "'jdbc:mysql://db/s?PASSWORD1=abc' is bad|'jdbc:mysql://db/s?PASSWORD1=***' is bad",
            "nothing secret: roots, abc|nothing secret: roots, abc"})
    void masksRegisteredSecretsAndUrlPasswords(String text, String expected) {
        SecretRedactor redactor = new SecretRedactor();
        redactor.add("hunter22");
        redactor.add("hunter22-and-more");
        redactor.add("abc"); // too short to mask inside ordinary words
        redactor.add("   ");

        assertThat(redactor.redact(text)).isEqualTo(expected);
    }
}
