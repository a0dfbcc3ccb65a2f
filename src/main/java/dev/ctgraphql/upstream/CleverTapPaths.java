package dev.ctgraphql.upstream;

/**
 * Every CleverTap path the service calls, stated once: the REST client interfaces' {@code @Path}, the {@link Endpoint}s
 * (metrics, limits, logs, cache keys) and the sandbox's resources all read them from here.
 */
public final class CleverTapPaths {

    /** Uploads of events, profiles and device tokens ({@code {"d":[...]}}); its own concurrency class. */
    public static final String UPLOAD = "/1/upload";
    /** Event export cursor: POST opens it, GET reads a page. */
    public static final String EVENTS = "/1/events.json";
    /** Profile export cursor: POST opens it, GET reads a page. */
    public static final String PROFILES = "/1/profiles.json";
    /** One profile by identity, email or objectId. */
    public static final String PROFILE = "/1/profile.json";
    public static final String DELETE_PROFILES = "/1/delete/profiles.json";
    public static final String DEMERGE_PROFILES = "/1/demerge/profiles.json";
    public static final String SUBSCRIBE = "/1/subscribe";
    public static final String DISASSOCIATE = "/1/disassociate";

    /** Asynchronous counts: POST submits, GET with {@code req_id} polls. */
    public static final String COUNT_EVENTS = "/1/counts/events.json";
    public static final String COUNT_PROFILES = "/1/counts/profiles.json";
    public static final String COUNT_TRENDS = "/1/counts/trends.json";
    public static final String COUNT_TOP = "/1/counts/top.json";
    /** Real-time user count. */
    public static final String NOW = "/1/now.json";

    public static final String CAMPAIGN_LIST = "/1/targets/list.json";
    public static final String CAMPAIGN_RESULT = "/1/targets/result.json";
    public static final String CAMPAIGN_CREATE = "/1/targets/create.json";
    public static final String CAMPAIGN_STOP = "/1/targets/stop.json";
    public static final String MESSAGE_REPORT = "/1/message/report.json";

    /** A send on one channel; {@code {channel}} is push, sms, email or webpush. */
    public static final String SEND = "/1/send/{channel}.json";
    public static final String EXTERNAL_TRIGGER = "/1/send/externaltrigger.json";
    public static final String EXTERNAL_TRIGGER_MANY = "/2/send/externaltrigger.json";
    public static final String CUSTOM_LIST_URL = "/get_custom_list_segment_url";
    public static final String CUSTOM_LIST_COMPLETED = "/upload_custom_list_segment_completed";

    public static final String SEGMENT_CREATE = "/api/createSegment";
    public static final String SEGMENT_UPDATE = "/api/updateSegment";

    /** {@code type=events} or {@code type=userProperties}. */
    public static final String SCHEMA = "/getSchema";
    public static final String CATEGORY_GROUPS = "/category-groups";
    public static final String CONTENT_BLOCKS = "/v1/contentBlock/list";

    private CleverTapPaths() {
    }
}
