package io.minyi.evaluation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules {@link SmallMultipartForm} shares with the container's multipart parsing (decision 0065), one by one,
 * without a server: which parts are fields, which are files, which are skipped, how values are decoded, which bodies
 * are too large or malformed, and which requests it leaves alone.
 */
class SmallMultipartFormTests {

    private static final String B = "AaB03x";
    private static final SmallMultipartForm.Limits LIMITS = new SmallMultipartForm.Limits(256 * 1024, 50, 512);

    private static MockHttpServletRequest request(String body, Charset charset) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/e/x");
        request.setContentType("multipart/form-data; boundary=" + B);
        request.setCharacterEncoding(charset.name());
        request.setContent(body.getBytes(charset));
        return request;
    }

    private static String field(String name, String value) {
        return "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static SmallMultipartForm.Parsed parse(String body) throws Exception {
        return parse(request(body, StandardCharsets.UTF_8));
    }

    private static SmallMultipartForm.Parsed parse(MockHttpServletRequest request) throws Exception {
        String boundary = SmallMultipartForm.boundaryOfSmall(request, LIMITS);
        assertThat(boundary).isEqualTo(B);
        return SmallMultipartForm.parse(request, boundary, LIMITS);
    }

    private static HttpServletRequest form(SmallMultipartForm.Parsed parsed) {
        assertThat(parsed).isInstanceOf(SmallMultipartForm.Form.class);
        return ((SmallMultipartForm.Form) parsed).request();
    }

    @Test
    void fields_are_parameters_in_their_order_with_repeats_and_every_part_is_a_part() throws Exception {
        HttpServletRequest form = form(parse(field("overall", "SATISFIED") + field("r", "1") + field("comment", "窗口热情")
                + field("r", "2") + "--" + B + "--\r\n"));

        assertThat(form.getParameterMap().keySet()).containsExactly("overall", "r", "comment");
        assertThat(form.getParameterValues("r")).containsExactly("1", "2");
        assertThat(form.getParameter("r")).isEqualTo("1");
        assertThat(form.getParameter("comment")).isEqualTo("窗口热情");
        assertThat(form.getParameter("missing")).isNull();
        assertThat(form.getParts()).extracting(Part::getName).containsExactly("overall", "r", "comment", "r");
    }

    @Test
    void values_are_decoded_in_the_requests_encoding_as_the_container_does() throws Exception {
        Charset gbk = Charset.forName("GBK");
        HttpServletRequest form = form(parse(request(field("comment", "群众评议") + "--" + B + "--\r\n", gbk)));
        assertThat(form.getParameter("comment")).isEqualTo("群众评议");
    }

    @Test
    void a_part_with_a_file_name_even_an_empty_one_is_a_file_and_no_parameter() throws Exception {
        String body = field("clue", "线索") + "--" + B + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n--" + B + "\r\n"
                + "Content-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                + "JPEGBYTES\r\n--" + B + "--\r\n";
        HttpServletRequest form = form(parse(body));

        assertThat(form.getParameter("photo")).isNull();
        assertThat(form.getParts()).filteredOn(p -> "photo".equals(p.getName())).satisfiesExactly(
                empty -> {
                    assertThat(empty.getSubmittedFileName()).isEmpty();
                    assertThat(empty.getSize()).isZero();
                },
                photo -> {
                    assertThat(photo.getSubmittedFileName()).isEqualTo("p.jpg");
                    assertThat(photo.getContentType()).isEqualTo("image/jpeg");
                    assertThat(photo.getHeader("content-disposition")).contains("filename=\"p.jpg\"");
                    assertThat(photo.getInputStream().readAllBytes()).asString().isEqualTo("JPEGBYTES");
                });
    }

    @Test
    void a_part_that_is_not_form_data_or_has_no_name_is_skipped() throws Exception {
        String body = "preamble the grammar allows\r\n" + field("key", "k")
                + "--" + B + "\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n"
                + "--" + B + "\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nnot form-data\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--" + B + "--\r\n";
        HttpServletRequest form = form(parse(body));

        assertThat(form.getParameterMap().keySet()).containsExactly("key");
        assertThat(form.getParts()).hasSize(1);
    }

    @Test
    void more_parts_or_longer_part_headers_than_the_connector_allows_are_too_large() throws Exception {
        assertThat(parse(field("x", "1").repeat(50) + "--" + B + "--\r\n")).isInstanceOf(SmallMultipartForm.Form.class);
        assertThat(parse(field("x", "1").repeat(51) + "--" + B + "--\r\n")).isInstanceOf(SmallMultipartForm.TooLarge.class);
        assertThat(parse("--" + B + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + "a".repeat(600)
                + "\"\r\n\r\n\r\n--" + B + "--\r\n")).isInstanceOf(SmallMultipartForm.TooLarge.class);
    }

    @Test
    void a_body_that_does_not_parse_is_malformed() throws Exception {
        assertThat(parse(field("key", "k"))).as("no closing boundary").isInstanceOf(SmallMultipartForm.Malformed.class);
        assertThat(parse(field("key", "k") + "--" + B + "\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\nab"))
                .as("cut off in a part").isInstanceOf(SmallMultipartForm.Malformed.class);
        assertThat(parse((field("key", "k") + "--" + B + "--\r\n").replace("\r\n", "\n")))
                .as("bare line feeds, as the container refuses them").isInstanceOf(SmallMultipartForm.Malformed.class);
        assertThat(parse("hello")).isInstanceOf(SmallMultipartForm.Malformed.class);
        assertThat(parse("")).isInstanceOf(SmallMultipartForm.Malformed.class);
    }

    @Test
    void only_a_multipart_post_with_a_boundary_and_a_known_small_length_is_taken() {
        MockHttpServletRequest large = request(field("c", "x".repeat(300 * 1024)), StandardCharsets.UTF_8);
        MockHttpServletRequest noLength = request(field("c", "x"), StandardCharsets.UTF_8);
        noLength.setContent(null);
        MockHttpServletRequest noBoundary = request(field("c", "x"), StandardCharsets.UTF_8);
        noBoundary.setContentType("multipart/form-data");
        MockHttpServletRequest urlEncoded = request("c=x", StandardCharsets.UTF_8);
        urlEncoded.setContentType("application/x-www-form-urlencoded");
        MockHttpServletRequest get = request(field("c", "x"), StandardCharsets.UTF_8);
        get.setMethod("GET");

        for (MockHttpServletRequest other : new MockHttpServletRequest[]{large, noLength, noBoundary, urlEncoded, get}) {
            assertThat(SmallMultipartForm.boundaryOfSmall(other, LIMITS)).isNull();
        }
        MockHttpServletRequest quoted = request(field("c", "x"), StandardCharsets.UTF_8);
        quoted.setContentType("Multipart/Form-Data; charset=UTF-8; boundary=\"" + B + "\"");
        assertThat(SmallMultipartForm.boundaryOfSmall(quoted, LIMITS)).isEqualTo(B);
    }
}
