package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for state store URLs, used by config check and by every command that connects (migrate among them). */
class StoreUrlRuleTest {
    @ParameterizedTest(name = "{0}: server ''{1}'', store ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://db:3306/strait|''|''",
            "jdbc:mysql://db/strait?useSSL=true&password=x|''|''",
            "jdbc:mysql://db:3306/|''|names no database",
            "jdbc:mysql://db:3306|''|names no database",
            "jdbc:mysql://db:3306/bad-name|''|is not 1 to 64 letters",
            "jdbc:mariadb://db:3306/strait|need MariaDB Connector/J|need MariaDB Connector/J",
            "jdbc:postgresql://db/strait|must start with jdbc:mysql://|must start with jdbc:mysql://",
            "jdbc:mysql:///strait|names no host|names no host",
            "''|is empty|is empty"})
    void judgesServerAndStoreUrls(String url, String serverProblem, String storeProblem) {
        assertThat(StoreUrlRule.serverProblem(url).orElse("")).contains(serverProblem);
        assertThat(StoreUrlRule.serverProblem(url).isEmpty()).isEqualTo(serverProblem.isEmpty());
        assertThat(StoreUrlRule.storeProblem(url).orElse("")).contains(storeProblem);
        assertThat(StoreUrlRule.storeProblem(url).isEmpty()).isEqualTo(storeProblem.isEmpty());
    }
}
