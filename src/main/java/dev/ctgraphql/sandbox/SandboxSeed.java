package dev.ctgraphql.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the sandbox's deterministic world: the same seed, sizes and day give the same profiles, events and campaigns.
 * Distributions are skewed on purpose (a few heavy users, popular products, evening peaks, weekend bumps, a growing user
 * base) so that counts, trends and top values look like a real app's.
 */
final class SandboxSeed {

    static final String APP_LAUNCHED = "App Launched";
    static final String PRODUCT_VIEWED = "Product Viewed";
    static final String ADDED_TO_CART = "Added To Cart";
    static final String CHARGED = "Charged";

    /** Seeded events never fall in the last ten minutes, so real-time counts see only uploads and the baseline. */
    private static final long QUIET_SECONDS = 600;

    private record Country(String code, int weight, String currency, double fx, String phonePrefix, String phoneStart,
            int phoneDigits, String[] cities) {
    }

    private record Product(String name, String category, double price) {
    }

    private record Planned(String name, ObjectNode props) {
    }

    private static final Country[] COUNTRIES = {
            new Country("US", 32, "USD", 1.0, "+1", "415", 10, new String[]{"New York", "San Francisco", "Austin",
                    "Chicago", "Seattle"}),
            new Country("IN", 26, "INR", 83.0, "+91", "9", 10, new String[]{"Mumbai", "Bengaluru", "Delhi", "Pune",
                    "Chennai"}),
            new Country("GB", 12, "GBP", 0.79, "+44", "7", 10, new String[]{"London", "Manchester", "Leeds"}),
            new Country("DE", 12, "EUR", 0.92, "+49", "15", 11, new String[]{"Berlin", "Munich", "Hamburg"}),
            new Country("FR", 10, "EUR", 0.92, "+33", "6", 9, new String[]{"Paris", "Lyon", "Marseille"}),
            new Country("ES", 8, "EUR", 0.92, "+34", "6", 9, new String[]{"Madrid", "Barcelona", "Valencia"})};

    private static final String[] MALE = {"James", "Liam", "Arjun", "Rohan", "Lukas", "Hugo", "Mateo", "Noah", "Oliver",
            "Aarav", "Felix", "Lucas", "Ethan", "Vikram", "Daniel", "Leon"};
    private static final String[] FEMALE = {"Emma", "Olivia", "Priya", "Ananya", "Sophie", "Mia", "Lea", "Chloe",
            "Isabella", "Aisha", "Hannah", "Lucia", "Ava", "Diya", "Clara", "Zoe"};
    private static final String[] LAST = {"Smith", "Patel", "Muller", "Garcia", "Sharma", "Brown", "Martin", "Dubois",
            "Schmidt", "Lopez", "Johnson", "Iyer", "Wilson", "Taylor", "Fischer", "Rossi", "Kumar", "Lee", "Nguyen",
            "Khan", "Moreau", "Silva"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};

    /** In order of popularity (Zipf-like weights). */
    private static final Product[] PRODUCTS = {
            new Product("Wireless Earbuds", "Electronics", 59.99), new Product("Running Shoes", "Fashion", 89.95),
            new Product("Cotton T-Shirt", "Fashion", 19.99), new Product("Atomic Habits", "Books", 16.20),
            new Product("Smart Watch", "Electronics", 199.00), new Product("Phone Case", "Electronics", 14.99),
            new Product("Coffee Maker", "Home", 79.00), new Product("Yoga Mat", "Sports", 25.00),
            new Product("Face Serum", "Beauty", 27.50), new Product("Denim Jacket", "Fashion", 74.50),
            new Product("USB-C Charger", "Electronics", 24.99), new Product("Water Bottle", "Sports", 15.99),
            new Product("The Millionaire Next Door", "Books", 12.99), new Product("Desk Lamp", "Home", 29.99),
            new Product("Bluetooth Speaker", "Electronics", 45.50), new Product("Sunglasses", "Fashion", 35.00),
            new Product("Scented Candle", "Home", 18.00), new Product("Deep Work", "Books", 14.50),
            new Product("Lip Balm Set", "Beauty", 9.99), new Product("Laptop Stand", "Electronics", 39.00)};

    private static final String[][] ANDROID_DEVICES = {{"samsung", "SM-S911B"}, {"samsung", "SM-A546E"},
            {"Xiaomi", "M2101K6G"}, {"Google", "Pixel 8"}, {"OnePlus", "CPH2449"}, {"motorola", "moto g54 5G"}};
    private static final String[] IPHONES = {"iPhone15,2", "iPhone14,5", "iPhone13,2", "iPhone16,1"};
    private static final String[] THEMES = {"Weekend Flash Sale", "Welcome Series", "Cart Reminder", "Win-back Offer",
            "New Arrivals", "Loyalty Bonus", "Price Drop Alert", "Order Update", "App Update", "Festive Offers",
            "Feedback Survey", "Referral Boost"};
    private static final String[] LABELS = {"promo", "retention", "onboarding", "transactional", "seasonal", "ab-test"};
    private static final SandboxChannel[] CHANNEL_CYCLE = {SandboxChannel.PUSH, SandboxChannel.EMAIL, SandboxChannel.SMS,
            SandboxChannel.WHATSAPP, SandboxChannel.WEBPUSH, SandboxChannel.PUSH, SandboxChannel.EMAIL,
            SandboxChannel.INAPP, SandboxChannel.WEBHOOK};

    /** Share of hours of the day in which sessions start: quiet nights, a lunch bump, an evening peak. */
    private static final int[] HOURS = {1, 1, 1, 1, 1, 2, 3, 5, 6, 6, 6, 7, 8, 7, 6, 6, 6, 7, 9, 11, 12, 10, 6, 3};

    private final long seed;
    private final int profileCount;
    private final int eventCount;
    private final int days;
    private final ZoneId zone;
    private final long now;
    private final LocalDate today;
    private final Random random;

    SandboxSeed(long seed, int profiles, int events, int days, ZoneId zone, Instant now) {
        this.seed = seed;
        this.profileCount = Math.max(1, profiles);
        this.eventCount = Math.max(0, events);
        this.days = Math.max(1, days);
        this.zone = zone;
        this.now = now.getEpochSecond();
        this.today = LocalDate.ofInstant(now, zone);
        this.random = new Random(seed);
    }

    /** Seeded people, and what the event generator needs to know about each. */
    private record Person(SandboxProfile profile, Country country, String tier, double weight, int joinIndex) {
    }

    SandboxData generate() {
        SandboxData data = new SandboxData(seed);
        List<Person> people = profiles(data);
        events(data, people);
        campaigns(data);
        data.sortEvents();
        return data;
    }

    // Profiles

    private List<Person> profiles(SandboxData data) {
        List<Person> people = new ArrayList<>(profileCount);
        LocalDate firstDay = today.minusDays(days - 1L);
        for (int i = 1; i <= profileCount; i++) {
            Country country = country();
            boolean male = random.nextBoolean();
            String[] firstNames = male ? MALE : FEMALE;
            String first = firstNames[random.nextInt(firstNames.length)];
            String last = LAST[random.nextInt(LAST.length)];
            double weight = Math.exp(random.nextGaussian() * 1.2);
            String tier = weight > 4.5 ? "Platinum" : weight > 1.8 ? "Gold" : weight > 0.7 ? "Silver" : "Bronze";
            int joinIndex = random.nextDouble() < 0.65 ? 0 : 1 + random.nextInt(Math.max(1, days - 1));
            joinIndex = Math.min(joinIndex, days - 1);

            SandboxProfile profile = new SandboxProfile(data.nextSeq(), objectId());
            profile.identity = String.format(Locale.ROOT, "user-%04d", i);
            profile.name = first + " " + last;
            profile.email = (first + "." + last + i + "@" + DOMAINS[i % DOMAINS.length]).toLowerCase(Locale.ROOT);
            profile.phone = phone(country);
            long joinDayStart = SandboxDates.startOf(firstDay.plusDays(joinIndex), zone);
            profile.createdAt = joinIndex == 0
                    ? joinDayStart - 86_400L * (1 + random.nextInt(365))
                    : joinDayStart + random.nextInt(86_400);
            ObjectNode custom = profile.profileData;
            custom.put("Gender", male ? "M" : "F");
            custom.put("Customer Type", tier);
            custom.put("City", country.cities()[random.nextInt(country.cities().length)]);
            custom.put("Country", country.code());
            custom.put("Plan", plan(tier));
            custom.put("DOB", "$D_" + (now - 86_400L * 365 * (18 + random.nextInt(45)) - random.nextInt(31_536_000)));
            custom.put("MSG-email", random.nextDouble() < 0.9);
            custom.put("MSG-push", random.nextDouble() < 0.85);
            custom.put("MSG-sms", random.nextDouble() < 0.7);
            custom.put("MSG-whatsapp", random.nextDouble() < 0.6);
            int deviceCount = random.nextDouble() < 0.82 ? 1 : 2;
            for (int d = 0; d < deviceCount; d++) {
                SandboxDevice device = device(d == 0 ? profile.objectId : objectId(), d == 0 ? null : profile.devices.get(0));
                device.lastSeen = profile.createdAt;
                profile.devices.add(device);
            }
            data.addProfile(profile);
            people.add(new Person(profile, country, tier, weight, joinIndex));
        }
        return people;
    }

    private String plan(String tier) {
        double r = random.nextDouble();
        double premium = "Platinum".equals(tier) ? 0.5 : "Gold".equals(tier) ? 0.25 : 0.08;
        return r < premium ? "Premium" : r < premium + 0.3 ? "Basic" : "Free";
    }

    private SandboxDevice device(String objectId, SandboxDevice other) {
        SandboxDevice device = new SandboxDevice(objectId);
        double r = random.nextDouble();
        String platform = r < 0.55 ? "Android" : r < 0.88 ? "iOS" : "Web";
        if (other != null && platform.equals(other.platform)) {
            platform = "Web".equals(platform) ? "Android" : "Web";
        }
        device.platform = platform;
        switch (platform) {
            case "Android" -> {
                String[] makeModel = ANDROID_DEVICES[random.nextInt(ANDROID_DEVICES.length)];
                device.make = makeModel[0];
                device.model = makeModel[1];
                device.osVersion = weighted(new String[]{"14", "13", "12", "11"}, new int[]{40, 32, 18, 10});
                device.appVersion = appVersion();
                if (random.nextDouble() < 0.75) {
                    device.pushToken = "f" + token(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
                    device.tokenType = "fcm";
                }
            }
            case "iOS" -> {
                device.make = "Apple";
                device.model = IPHONES[random.nextInt(IPHONES.length)];
                device.osVersion = weighted(new String[]{"17.5", "17.4", "16.7", "18.1"}, new int[]{35, 25, 15, 25});
                device.appVersion = appVersion();
                if (random.nextDouble() < 0.7) {
                    device.pushToken = token(64, "0123456789abcdef");
                    device.tokenType = "apns";
                }
            }
            default -> {
                device.browser = weighted(new String[]{"Chrome", "Safari", "Firefox", "Edge"}, new int[]{62, 20, 10, 8});
                device.osVersion = weighted(new String[]{"Windows 11", "Windows 10", "macOS 14", "Linux"},
                        new int[]{35, 30, 28, 7});
            }
        }
        return device;
    }

    private String appVersion() {
        return weighted(new String[]{"4.2.0", "4.1.3", "4.0.1", "3.9.8"}, new int[]{45, 30, 15, 10});
    }

    private String phone(Country country) {
        StringBuilder phone = new StringBuilder(country.phonePrefix()).append(country.phoneStart());
        while (phone.length() - country.phonePrefix().length() < country.phoneDigits()) {
            phone.append(random.nextInt(10));
        }
        return phone.toString();
    }

    private String objectId() {
        return "__g" + token(32, "0123456789abcdef");
    }

    private String token(int length, String alphabet) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    // Events

    private void events(SandboxData data, List<Person> people) {
        double[] cumulative = new double[people.size()];
        double total = 0;
        for (int i = 0; i < people.size(); i++) {
            total += people.get(i).weight();
            cumulative[i] = total;
        }
        double[] productWeights = new double[PRODUCTS.length];
        for (int i = 0; i < PRODUCTS.length; i++) {
            productWeights[i] = 1 / Math.pow(i + 1, 0.9);
        }
        LocalDate firstDay = today.minusDays(days - 1L);
        long latest = now - QUIET_SECONDS;
        int made = 0;
        int guard = 0;
        while (made < eventCount && guard++ < eventCount * 4) {
            int index = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            Person person = people.get(index < 0 ? Math.min(-index - 1, people.size() - 1) : index);
            long ts = sessionStart(person, firstDay, latest);
            if (ts < 0) {
                continue;
            }
            made += session(data, person, ts, latest, productWeights, eventCount - made);
        }
    }

    /** A session start on a day the person was a user, favouring recent days, weekends and evenings; -1 if none fits. */
    private long sessionStart(Person person, LocalDate firstDay, long latest) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int dayIndex = person.joinIndex() + random.nextInt(days - person.joinIndex());
            LocalDate day = firstDay.plusDays(dayIndex);
            double growth = days == 1 ? 1 : 0.6 + 0.4 * dayIndex / (days - 1.0);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (random.nextDouble() > growth * (weekend ? 1.0 : 0.8)) {
                continue;
            }
            long dayStart = SandboxDates.startOf(day, zone);
            long ts = dayStart + pickHour() * 3600L + random.nextInt(3600);
            if (ts > latest - 3600) {
                if (latest - 3600 <= dayStart) {
                    continue;
                }
                ts = dayStart + (long) (random.nextDouble() * (latest - 3600 - dayStart));
            }
            return ts;
        }
        return -1;
    }

    private int session(SandboxData data, Person person, long start, long latest, double[] productWeights, int budget) {
        SandboxProfile profile = person.profile();
        SandboxDevice device = profile.devices.size() > 1 && random.nextDouble() < 0.15
                ? profile.devices.get(1)
                : profile.devices.get(0);
        ObjectNode session = sessionProps();
        List<Planned> events = new ArrayList<>();
        ObjectNode launched = SandboxJson.object().put("Install", random.nextDouble() < 0.03 ? "y" : "n");
        if (device.appVersion != null) {
            launched.put("App Version", device.appVersion);
        }
        events.add(new Planned(APP_LAUNCHED, launched));
        double heavy = "Platinum".equals(person.tier()) ? 1.6 : "Gold".equals(person.tier()) ? 1.25 : 1.0;
        int views = Math.min(8, geometric(0.35 / heavy));
        List<Product> cart = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            Product product = PRODUCTS[weightedIndex(productWeights)];
            events.add(new Planned(PRODUCT_VIEWED, SandboxJson.object().put("Product name", product.name())
                    .put("Category", product.category()).put("Price", product.price())));
            if (random.nextDouble() < 0.22) {
                int quantity = random.nextDouble() < 0.8 ? 1 : 2;
                cart.add(product);
                quantities.add(quantity);
                events.add(new Planned(ADDED_TO_CART,
                        SandboxJson.object().put("Product name", product.name()).put("Category", product.category())
                                .put("Price", product.price()).put("Quantity", quantity)));
            }
        }
        double buy = switch (person.tier()) {
            case "Platinum" -> 0.5;
            case "Gold" -> 0.42;
            case "Silver" -> 0.35;
            default -> 0.28;
        };
        if (!cart.isEmpty() && random.nextDouble() < buy) {
            events.add(new Planned(CHARGED, charged(person.country(), cart, quantities)));
        }
        long ts = start;
        int stored = 0;
        for (Planned event : events) {
            if (stored >= budget || ts > latest) {
                break;
            }
            data.addEvent(new SandboxEvent(data.nextSeq(), event.name(), ts, profile.objectId, event.props(), session),
                    device);
            stored++;
            ts += 20 + random.nextInt(220);
        }
        return stored;
    }

    private ObjectNode charged(Country country, List<Product> cart, List<Integer> quantities) {
        double amount = 0;
        ArrayNode items = SandboxJson.array();
        for (int i = 0; i < cart.size(); i++) {
            Product product = cart.get(i);
            amount += product.price() * quantities.get(i) * country.fx();
            items.addObject().put("Category", product.category()).put("Product name", product.name()).put("Quantity",
                    quantities.get(i));
        }
        ObjectNode props = SandboxJson.object();
        props.put("Amount", Math.round(amount * 100) / 100.0);
        props.put("Currency", country.currency());
        props.put("Payment mode", "IN".equals(country.code())
                ? weighted(new String[]{"UPI", "Debit Card", "Credit Card", "PayPal"}, new int[]{45, 25, 20, 10})
                : weighted(new String[]{"Credit Card", "Debit Card", "PayPal"}, new int[]{45, 25, 30}));
        props.set("Items", items);
        return props;
    }

    private ObjectNode sessionProps() {
        String source = weighted(new String[]{"Direct", "Organic", "Push", "Email", "Social", "Referral"},
                new int[]{34, 24, 14, 10, 10, 8});
        ObjectNode session = SandboxJson.object().put("session_source", source);
        switch (source) {
            case "Organic" -> session.put("utm_source", "google").put("utm_medium", "organic");
            case "Push" -> session.put("utm_source", "clevertap").put("utm_medium", "push");
            case "Email" -> session.put("utm_source", "newsletter").put("utm_medium", "email");
            case "Social" -> {
                String network = random.nextBoolean() ? "facebook" : "instagram";
                session.put("session_referrer", "https://www." + network + ".com/").put("utm_source", network)
                        .put("utm_medium", "social");
            }
            case "Referral" -> session.put("session_referrer", "https://blog.example.org/").put("utm_source", "partner-blog")
                    .put("utm_medium", "referral");
            default -> {
            }
        }
        return session;
    }

    // Campaigns

    private void campaigns(SandboxData data) {
        int count = 36;
        for (int k = 0; k < count; k++) {
            SandboxChannel channel = CHANNEL_CYCLE[k % CHANNEL_CYCLE.length];
            boolean api = channel != SandboxChannel.INAPP && k % 11 != 6;
            long id = 1_700_000_000L + k * 3_600L + random.nextInt(3_600);
            int hour = 8 + random.nextInt(11);
            long start;
            long end;
            Long stoppedAt = null;
            String delivery;
            boolean longRunning = false;
            if (k % 7 == 2) {
                start = at(today.plusDays(1 + random.nextInt(14)), hour);
                delivery = api && k % 2 == 0 ? "api" : "one_time";
                end = start + 7_200;
            } else if (k % 7 == 5) {
                start = at(today.minusDays(3 + random.nextInt(Math.max(1, Math.min(40, days - 3)))), hour);
                delivery = k % 2 == 0 ? "recurring" : "action";
                end = start + 86_400L * (60 + random.nextInt(60));
                longRunning = true;
            } else if (k == 10) {
                start = at(today.minusDays(2), hour);
                delivery = "one_time";
                end = start + 7_200;
                stoppedAt = start - 86_400;
            } else if (k % 14 == 3) {
                start = at(today.minusDays(5 + random.nextInt(Math.max(1, days - 5))), hour);
                delivery = "action";
                end = start + 86_400L * 30;
                stoppedAt = start + 86_400L * (1 + random.nextInt(3));
                longRunning = true;
            } else {
                start = at(today.minusDays(1 + random.nextInt(Math.max(1, days - 1))), hour);
                delivery = api && random.nextBoolean() ? "api" : "one_time";
                end = start + 7_200;
            }
            String name = THEMES[k % THEMES.length] + " · " + channel.reportName;
            String messageType = k % 5 == 0 ? "ab" : k % 13 == 7 ? "message_on_user_property" : "single";
            List<String> labels = new ArrayList<>();
            labels.add(LABELS[random.nextInt(LABELS.length)]);
            if (random.nextDouble() < 0.4) {
                String second = LABELS[random.nextInt(LABELS.length)];
                if (!labels.contains(second)) {
                    labels.add(second);
                }
            }
            SandboxCampaign campaign = new SandboxCampaign(id, name, channel, api, delivery, messageType, labels,
                    channel.devices, start, end);
            campaign.stoppedAt = stoppedAt;
            plan(campaign, longRunning);
            data.addCampaign(campaign);
        }
    }

    private long at(LocalDate day, int hour) {
        return day.atTime(hour, random.nextInt(4) * 15).atZone(zone).toEpochSecond();
    }

    private void plan(SandboxCampaign campaign, boolean longRunning) {
        double share = switch (campaign.channel) {
            case PUSH -> 0.55;
            case EMAIL -> 0.7;
            case SMS -> 0.45;
            case WHATSAPP -> 0.35;
            case WEBPUSH -> 0.15;
            case INAPP -> 0.5;
            case WEBHOOK -> 0.3;
        };
        long reach = Math.max(1, Math.round(profileCount * share * (0.3 + 0.7 * random.nextDouble())));
        LocalDate first = SandboxDates.day(campaign.start, zone);
        if (!longRunning) {
            campaign.plan.put(first, metrics(reach, campaign.channel, random));
            return;
        }
        LocalDate last = SandboxDates.day(campaign.end, zone);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long sent = Math.max(1, Math.round(reach * (0.02 + 0.06 * random.nextDouble())));
            campaign.plan.put(day, metrics(sent, campaign.channel, random));
        }
    }

    /** Sent, viewed, clicked and converted for {@code sent} messages on a channel, with some noise. */
    static long[] metrics(long sent, SandboxChannel channel, Random random) {
        long viewed = Math.min(sent, Math.round(sent * channel.viewRate * (0.8 + 0.4 * random.nextDouble())));
        long clicked = Math.round(sent * channel.clickRate * (0.8 + 0.4 * random.nextDouble()));
        if (channel.viewRate > 0) {
            clicked = Math.min(clicked, viewed);
        }
        long converted = Math.round(clicked * (0.15 + 0.15 * random.nextDouble()));
        return new long[]{sent, viewed, clicked, converted};
    }

    // Random helpers

    private Country country() {
        int total = 0;
        for (Country c : COUNTRIES) {
            total += c.weight();
        }
        int r = random.nextInt(total);
        for (Country c : COUNTRIES) {
            r -= c.weight();
            if (r < 0) {
                return c;
            }
        }
        return COUNTRIES[0];
    }

    private String weighted(String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private int weightedIndex(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int pickHour() {
        int total = 0;
        for (int h : HOURS) {
            total += h;
        }
        int r = random.nextInt(total);
        for (int h = 0; h < HOURS.length; h++) {
            r -= HOURS[h];
            if (r < 0) {
                return h;
            }
        }
        return 20;
    }

    private int geometric(double p) {
        int n = 0;
        while (random.nextDouble() > p && n < 20) {
            n++;
        }
        return n;
    }
}
