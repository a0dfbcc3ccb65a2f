package dev.ctgraphql.upstream;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A cursor goes on the wire byte for byte as CleverTap handed it out, and nothing else in it can become URL syntax. */
class CursorWireFormTest {

    @Test
    void unreservedCharactersAndExistingEscapesAreKeptAsTheyAre() {
        assertThat(CursorPager.wireForm("ZyZjNQEBZG9lIGNn-._~"), equalTo("ZyZjNQEBZG9lIGNn-._~"));
        assertThat(CursorPager.wireForm("abc%2Fdef%3d"), equalTo("abc%2Fdef%3d"));
    }

    @Test
    void urlSyntaxSpacesAndNonAsciiAreEscapedByteByByte() {
        assertThat(CursorPager.wireForm("a/b?c=d&e#f+g h"), equalTo("a%2Fb%3Fc%3Dd%26e%23f%2Bg%20h"));
        assertThat(CursorPager.wireForm("é"), equalTo("%C3%A9"));
    }

    @Test
    void aPercentThatStartsNoEscapeIsItselfEscaped() {
        assertThat(CursorPager.wireForm("100%"), equalTo("100%25"));
        assertThat(CursorPager.wireForm("%zz%4"), equalTo("%25zz%254"));
    }

    @Test
    void theWireFormIsAValidQueryValueThatDecodesToTheCursorWhenItHadNoEscapes() {
        String cursor = "P/aQ+x=y&z é%";
        String wire = CursorPager.wireForm(cursor);

        URI uri = URI.create("http://127.0.0.1/1/events.json?cursor=" + wire);
        assertThat(uri.getRawQuery(), equalTo("cursor=" + wire));
        assertThat(URLDecoder.decode(wire, StandardCharsets.UTF_8), equalTo(cursor));
    }
}
