package io.gatehouse.audit.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.ValidationReport;
import io.gatehouse.audit.ValidationReport.Kind;
import io.gatehouse.audit.ValidationReport.Problem;
import io.gatehouse.audit.internal.chain.Chain;
import io.gatehouse.audit.internal.digest.DigestWriter;
import io.gatehouse.audit.internal.digest.SigningKeys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an audit stream (docs/audit.md, "Validating"): de-duplicates by {@code eventID}, then per
 * account checks each record's hash, the sequence (gaps are missing events, a record before a lower
 * sequence number is reordered, a second record for a sequence number or one without chain fields is
 * inserted), the links between neighbours, and every digest's signature, chain head and continuity.
 */
public final class StreamValidator {

    private record Entry(long seq, String eventId, String hash, String previousHash, boolean intact) {
    }

    private final Map<String, PublicKey> keys;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** @throws IllegalArgumentException when {@code keysJson} is not a keys document */
    public StreamValidator(String keysJson) {
        this.keys = parseKeys(keysJson);
    }

    public ValidationReport validate(List<String> records) {
        Map<String, String> seen = new HashMap<>();
        Map<String, List<Entry>> chains = new LinkedHashMap<>();
        Map<String, List<ObjectNode>> digests = new LinkedHashMap<>();
        int duplicates = 0;
        int count = 0;
        for (String line : records) {
            if (line == null || line.isBlank()) {
                continue;
            }
            count++;
            ObjectNode record;
            try {
                record = Chain.parse(line);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Kind.UNREADABLE, null, -1, null, "record " + count + " is " + e.getMessage()));
                continue;
            }
            String eventId = record.path("eventID").asText(null);
            String account = record.path("recipientAccountId").asText(null);
            if (eventId == null || account == null) {
                problems.add(new Problem(Kind.INSERTED, account, -1, eventId,
                        "record " + count + " has no eventID or recipientAccountId"));
                continue;
            }
            String canonical = new String(Chain.canonical(record), java.nio.charset.StandardCharsets.UTF_8);
            String earlier = seen.putIfAbsent(eventId, canonical);
            if (earlier != null) {
                if (earlier.equals(canonical)) {
                    duplicates++;
                } else {
                    problems.add(new Problem(Kind.ALTERED, account, -1, eventId,
                            "two different records carry this eventID"));
                }
                continue;
            }
            if (DigestWriter.EVENT_TYPE.equals(record.path("eventType").asText())) {
                digests.computeIfAbsent(account, a -> new ArrayList<>()).add(record);
                continue;
            }
            JsonNode integrity = record.get(Chain.FIELD);
            if (integrity == null || !integrity.path("sequenceNumber").canConvertToLong()) {
                problems.add(new Problem(Kind.INSERTED, account, -1, eventId, "record has no chain fields"));
                continue;
            }
            String hash = integrity.path("hash").asText("");
            boolean intact = Chain.recompute(record).equals(hash);
            long seq = integrity.path("sequenceNumber").asLong();
            if (!intact) {
                problems.add(new Problem(Kind.ALTERED, account, seq, eventId, "content does not match its hash"));
            }
            chains.computeIfAbsent(account, a -> new ArrayList<>())
                    .add(new Entry(seq, eventId, hash, integrity.path("previousHash").asText(""), intact));
        }
        if (duplicates > 0) {
            notes.add(duplicates + " repeated deliveries dropped (same eventID, same content)");
        }
        int verifiedDigests = 0;
        for (Map.Entry<String, List<Entry>> chain : chains.entrySet()) {
            TreeMap<Long, Entry> bySeq = checkChain(chain.getKey(), chain.getValue());
            verifiedDigests += checkDigests(chain.getKey(), bySeq, digests.getOrDefault(chain.getKey(), List.of()));
        }
        for (String account : digests.keySet()) {
            if (!chains.containsKey(account)) {
                verifiedDigests += checkDigests(account, new TreeMap<>(), digests.get(account));
            }
        }
        int events = chains.values().stream().mapToInt(List::size).sum();
        return new ValidationReport(count, events, verifiedDigests, problems, notes);
    }

    private TreeMap<Long, Entry> checkChain(String account, List<Entry> inStreamOrder) {
        Entry highest = null;
        for (Entry entry : inStreamOrder) {
            if (highest != null && entry.seq() < highest.seq()) {
                problems.add(new Problem(Kind.REORDERED, account, entry.seq(), entry.eventId(),
                        "appears after seq " + highest.seq() + " (eventID " + highest.eventId() + ")"));
            }
            if (highest == null || entry.seq() > highest.seq()) {
                highest = entry;
            }
        }
        TreeMap<Long, List<Entry>> candidates = new TreeMap<>();
        for (Entry entry : inStreamOrder) {
            candidates.computeIfAbsent(entry.seq(), s -> new ArrayList<>()).add(entry);
        }
        TreeMap<Long, Entry> bySeq = new TreeMap<>();
        for (Map.Entry<Long, List<Entry>> slot : candidates.entrySet()) {
            Entry before = bySeq.get(slot.getKey() - 1);
            String expectedPrevious = slot.getKey() == 1 ? Chain.GENESIS : before == null ? null : before.hash();
            List<Entry> options = new ArrayList<>(slot.getValue());
            options.sort(Comparator.comparing((Entry e) -> !(e.intact() && e.previousHash().equals(expectedPrevious))));
            bySeq.put(slot.getKey(), options.get(0));
            for (Entry extra : options.subList(1, options.size())) {
                problems.add(new Problem(Kind.INSERTED, account, extra.seq(), extra.eventId(),
                        "a second record claims this sequence number (kept eventID " + options.get(0).eventId() + ")"));
            }
        }
        long expected = 1;
        for (Entry entry : bySeq.values()) {
            if (entry.seq() > expected) {
                Entry before = bySeq.get(expected - 1);
                problems.add(new Problem(Kind.MISSING, account, expected, null, (entry.seq() - expected == 1
                        ? "seq " + expected : "seqs " + expected + ".." + (entry.seq() - 1)) + " missing (between eventID "
                        + (before == null ? "(start)" : before.eventId()) + " and eventID " + entry.eventId() + ")"));
            } else if (entry.intact()) {
                Entry before = bySeq.get(entry.seq() - 1);
                String expectedPrevious = entry.seq() == 1 ? Chain.GENESIS : before == null ? null : before.hash();
                if (expectedPrevious != null && !expectedPrevious.equals(entry.previousHash())
                        && (before == null || before.intact())) {
                    problems.add(new Problem(Kind.ALTERED, account, entry.seq(), entry.eventId(), "chain broken: "
                            + "previousHash does not match seq " + (entry.seq() - 1) + " (a record was rewritten"
                            + " together with its hash)"));
                }
            }
            expected = entry.seq() + 1;
        }
        return bySeq;
    }

    private int checkDigests(String account, TreeMap<Long, Entry> bySeq, List<ObjectNode> digests) {
        List<ObjectNode> sorted = new ArrayList<>(digests);
        sorted.sort(Comparator.comparingLong(d -> d.path("digest").path("lastSequenceNumber").asLong()));
        int verified = 0;
        long covered = 0;
        String previousSignature = null;
        for (ObjectNode record : sorted) {
            JsonNode digest = record.path("digest");
            String eventId = record.path("eventID").asText();
            long first = digest.path("firstSequenceNumber").asLong();
            long last = digest.path("lastSequenceNumber").asLong();
            if (!signatureValid(record)) {
                problems.add(new Problem(Kind.BAD_DIGEST, account, last, eventId,
                        "signature does not verify with the key " + digest.path("publicKeyFingerprint").asText()));
                continue;
            }
            verified++;
            if (first != covered + 1) {
                problems.add(new Problem(Kind.BAD_DIGEST, account, first, eventId, "digest starts at seq " + first
                        + " but the previous digest ended at " + covered + ": a digest is missing"));
            } else if (covered > 0 && !digest.path("previousDigestSignature").asText("").equals(previousSignature)) {
                problems.add(new Problem(Kind.BAD_DIGEST, account, first, eventId,
                        "previousDigestSignature does not match the previous digest"));
            }
            Entry head = bySeq.get(last);
            if (head != null && !head.hash().equals(digest.path("chainHead").asText())) {
                problems.add(new Problem(Kind.ALTERED, account, last, head.eventId(),
                        "chain head differs from the signed digest " + eventId + ": the chain was rewritten"));
            }
            covered = last;
            previousSignature = record.path("digestSignature").asText();
        }
        long highest = bySeq.isEmpty() ? 0 : bySeq.lastKey();
        if (highest > covered) {
            notes.add("account " + account + ": seqs " + (covered + 1) + ".." + highest
                    + " are not yet covered by a signed digest");
        }
        return verified;
    }

    private boolean signatureValid(ObjectNode record) {
        PublicKey key = keys.get(record.path("digest").path("publicKeyFingerprint").asText());
        if (key == null) {
            return false;
        }
        ObjectNode unsigned = record.deepCopy();
        String signature = unsigned.path("digestSignature").asText("");
        unsigned.remove("digestSignature");
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(Chain.canonical(unsigned));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, PublicKey> parseKeys(String keysJson) {
        Map<String, PublicKey> keys = new HashMap<>();
        JsonNode list = Chain.parse(keysJson).path("keys");
        if (!list.isArray()) {
            throw new IllegalArgumentException("the keys document has no \"keys\" array");
        }
        for (JsonNode key : list) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(key.path("publicKey").asText(""));
                PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                String fingerprint = Chain.sha256Hex(der);
                if (!fingerprint.equals(key.path("fingerprint").asText())) {
                    throw new IllegalArgumentException("key " + key.path("fingerprint").asText()
                            + ": the fingerprint is not the SHA-256 of the public key");
                }
                keys.put(fingerprint, publicKey);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the keys document holds an unreadable key: " + e.getMessage());
            }
        }
        return keys;
    }
}
