package dev.ctgraphql.upstream;

import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The fast reading of upload date-times agrees with the ISO parser, and leaves it every other text. */
class UploadReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-05T15:30:00+05:30", "2024-03-05T15:30:00Z", "2024-03-05T15:30:00.5Z",
            "2024-03-05T15:30:00.123456789-08:00", "2000-01-01T00:00:00+00:00", "2024-02-29T23:59:59-00:30"})
    void readsTheCommonFormsAsTheIsoParserDoes(String text) {
        OffsetDateTime fast = UploadReader.Fields.commonDateTime(text);

        assertThat(fast, notNullValue());
        assertThat(fast, equalTo(OffsetDateTime.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-03-05T24:00:00Z",
            "2024-03-05T15:30:00+19:00", "2024-03-05T15:30Z", "2024-03-05t15:30:00z", "2024-03-05T15:30:00.Z",
            "2024-03-05T15:30:00.1234567891Z", "last tuesday", "2024-03-05 15:30:00Z", "+2024-03-05T15:30:00Z",
            "2024-03-05T15:30:00+0530"})
    void leavesEveryOtherTextToTheIsoParser(String text) {
        assertThat(UploadReader.Fields.commonDateTime(text), nullValue());
    }
}
