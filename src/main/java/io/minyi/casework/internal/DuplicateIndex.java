package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Finds open cases that probably describe the same thing ("可能重复"): a full-text index over the content of open
 * cases, tokenised by Lucene's SmartChineseAnalyzer, searched within the same county.
 *
 * <p>Why in memory and per node: the index holds only <em>open</em> cases (tens of thousands for a city, a few
 * hundred thousand for a province), it is rebuilt from PostgreSQL at start in seconds, and PostgreSQL stays the only
 * source of truth. With several application nodes each node keeps its own copy: the node that makes a change
 * updates its index right after the commit, and every node catches up with the other nodes' commits when PostgreSQL
 * notifies it ({@link CaseIndexFeed}, within about a second), reading the cases stamped by the transactions since its
 * last look (V9_90, decision 0030). A node that crashed simply rebuilds. Beyond one province the same shape moves to
 * a shared search service, behind the same two methods.
 */
public class DuplicateIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuplicateIndex.class);
    private static final double MIN_SHARE = 0.6;
    private static final int MAX_TERMS = 12;
    private static final Sort CASE_ORDER = new Sort(new SortField("order", SortField.Type.LONG));

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /**
     * Reopens the searcher for those who wait for a write to be visible, at most every {@link #MIN_STALE_SECONDS}
     * however many wait, and on its own every {@link #MAX_STALE_SECONDS} while writes come in: at hundreds of intakes a
     * second, a reopen per search (a new tiny segment, its readers, then merges) cost more than the searches.
     */
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    static final double MIN_STALE_SECONDS = 0.01;
    static final double MAX_STALE_SECONDS = 0.5;

    public record Hit(long caseId, float score) {
    }

    public DuplicateIndex() {
        try {
            // in memory, a compound file is only one more copy of every new segment
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0.0);
            // kept in case order, so that "the oldest similar cases" stops after the first few matches
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64)
                    .setUseCompoundFile(false).setMergePolicy(merges).setIndexSort(CASE_ORDER));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher s = new IndexSearcher(reader);
                    // Every search is about a new text: nothing to reuse, and with a reopen every few milliseconds
                    // the cache's wrapper and its filter bitsets per small segment cost more than the searches
                    s.setQueryCache(null);
                    return s;
                }
            });
            reopener = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
            reopener.setName("duplicate-index-reopen");
            reopener.setDaemon(true);
            reopener.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds, replaces or (when the case is no longer open) removes a case; searches see it after {@link #refresh()} or
     * once {@link #awaitVisible} of the returned sequence number has returned.
     */
    public long put(long caseId, String content, String jurisdictionPath, CaseState state) {
        try {
            Term id = new Term("id", Long.toString(caseId));
            if (!state.isOpen()) {
                return writer.deleteDocuments(id);
            }
            Document doc = new Document();
            doc.add(new StringField("id", Long.toString(caseId), Field.Store.NO));
            doc.add(new StoredField("caseId", caseId));
            doc.add(new NumericDocValuesField("order", caseId));
            doc.add(new StringField("place", jurisdictionPath == null ? "" : jurisdictionPath, Field.Store.NO));
            // Words are indexed together with the county ("/1/7/|垃圾"): a search reads only its own county's
            // postings, so it stays as fast with a hundred counties as with one.
            String county = county(jurisdictionPath);
            for (String term : terms(content)) {
                doc.add(new StringField("ct", county + "|" + term, Field.Store.NO));
            }
            return writer.updateDocument(id, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequence number of the last write that has finished: waiting for it makes every finished write visible. */
    public long lastWritten() {
        return writer.getMaxCompletedSequenceNumber();
    }

    /** Returns once searches see every write up to {@code sequenceNumber} (shared reopens, see {@link #reopener}). */
    public void awaitVisible(long sequenceNumber) {
        try {
            reopener.waitForGeneration(sequenceNumber);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the duplicate index", e);
        }
    }

    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Open cases in the same county that share most of the distinctive words of {@code content}, best first: of the
     * (up to) twelve words that are rarest in the county, at least 60 % must match.
     */
    public List<Hit> similar(String content, String jurisdictionPath, long excludeId, int limit) {
        return similar(content, jurisdictionPath, excludeId, limit, true);
    }

    /** {@code rareFilter} false: the same search without {@link #rarest}, for tests that prove it changes nothing. */
    List<Hit> similar(String content, String jurisdictionPath, long excludeId, int limit, boolean rareFilter) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Query query = query(s, content, county(jurisdictionPath), excludeId, rareFilter);
                if (query == null) {
                    return List.of();
                }
                return hits(s, s.search(query, limit).scoreDocs);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The oldest open cases of exactly this jurisdiction that pass the same test as {@link #similar} (issue 11, decision
     * 0034): what the intake needs for "the same matter reported again" — the matter is anchored on its oldest open
     * case — found in case order, so the search stops after {@code limit} matches however many cases share the words
     * (ranking every match by score cost a third of an Open311 POST when thousands of open cases read alike).
     */
    public List<Hit> oldestSimilar(String content, String jurisdictionPath, long excludeId, int limit) {
        return oldestSimilar(content, jurisdictionPath, excludeId, Long.MAX_VALUE, limit);
    }

    /**
     * {@link #oldestSimilar} among the cases received before case {@code caseId} (a smaller id): the answer for a
     * case is then the same whenever it is asked, after its commit or after a restart (decision 0041).
     */
    public List<Hit> oldestSimilarBefore(String content, String jurisdictionPath, long caseId, int limit) {
        return oldestSimilar(content, jurisdictionPath, caseId, caseId, limit);
    }

    private List<Hit> oldestSimilar(String content, String jurisdictionPath, long excludeId, long below, int limit) {
        return oldestSimilar(content, jurisdictionPath, excludeId, below, limit, true);
    }

    /**
     * {@code oldestFirst} false: the same answer through Lucene's sorted collector over every segment, for the tests
     * that prove {@link #oldestInLeaves} changes nothing.
     */
    List<Hit> oldestSimilar(String content, String jurisdictionPath, long excludeId, long below, int limit,
                            boolean oldestFirst) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Query words = query(s, content, county(jurisdictionPath), excludeId, true);
                if (words == null) {
                    return List.of();
                }
                BooleanQuery.Builder here = new BooleanQuery.Builder()
                        .add(words, BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term("place", jurisdictionPath)), BooleanClause.Occur.FILTER);
                if (oldestFirst) {
                    return oldestInLeaves(s, here.build(), below, limit);
                }
                if (below != Long.MAX_VALUE) {
                    here.add(NumericDocValuesField.newSlowRangeQuery("order", Long.MIN_VALUE, below - 1),
                            BooleanClause.Occur.FILTER);
                }
                return hits(s, s.search(new ConstantScoreQuery(here.build()),
                        new TopFieldCollectorManager(CASE_ORDER, limit, null, limit)).scoreDocs);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code limit} smallest case ids below {@code below} that match, visiting the segments from the one holding the
     * oldest case on and stopping as soon as no later segment can hold an older match (issue 11). Each segment is
     * sorted by case id, so its first document is its oldest case and a segment's matches come in case order: a
     * segment stops at its first match that is no longer among the oldest found. Under a steady stream of intakes the
     * index is dozens of small segments of new cases; the matter's oldest cases sit in one old segment, and Lucene's
     * collector built the query's scorers in, and scored a window of, every one of them (three quarters of the
     * listeners' CPU in the Open311 profile of 2026-11-30). Deleted documents are skipped as the collector skips them.
     */
    private static List<Hit> oldestInLeaves(IndexSearcher s, Query query, long below, int limit) throws IOException {
        Weight weight = s.createWeight(s.rewrite(new ConstantScoreQuery(query)), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<Map.Entry<LeafReaderContext, Long>> leaves = new ArrayList<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            NumericDocValues order = leaf.reader().getNumericDocValues("order");
            if (order != null && order.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                leaves.add(Map.entry(leaf, order.longValue()));
            }
        }
        leaves.sort(Map.Entry.comparingByValue());
        // the oldest found so far, newest of them on top
        PriorityQueue<Long> oldest = new PriorityQueue<>(Comparator.reverseOrder());
        for (Map.Entry<LeafReaderContext, Long> leaf : leaves) {
            long first = leaf.getValue();
            if (first >= below || (oldest.size() == limit && first >= oldest.peek())) {
                break;
            }
            collect(weight, leaf.getKey(), below, limit, oldest);
        }
        List<Hit> hits = new ArrayList<>(oldest.size());
        oldest.stream().sorted().forEach(id -> hits.add(new Hit(id, Float.NaN)));
        return hits;
    }

    private static void collect(Weight weight, LeafReaderContext leaf, long below, int limit, PriorityQueue<Long> oldest)
            throws IOException {
        ScorerSupplier supplier = weight.scorerSupplier(leaf);
        if (supplier == null) {
            return;
        }
        DocIdSetIterator matches = supplier.get(Long.MAX_VALUE).iterator();
        Bits live = leaf.reader().getLiveDocs();
        NumericDocValues order = leaf.reader().getNumericDocValues("order");
        for (int doc = matches.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.nextDoc()) {
            if ((live != null && !live.get(doc)) || !order.advanceExact(doc)) {
                continue;
            }
            long id = order.longValue();
            if (id >= below || (oldest.size() == limit && id >= oldest.peek())) {
                return;
            }
            oldest.add(id);
            if (oldest.size() > limit) {
                oldest.poll();
            }
        }
    }

    /**
     * Open cases of the county that share most of the distinctive words of {@code content}: of the (up to) twelve
     * words that are rarest in the county, at least 60 %; null when no case can.
     */
    private Query query(IndexSearcher s, String content, String county, long excludeId, boolean rareFilter)
            throws IOException {
        Set<String> words = terms(content);
        if (words.isEmpty()) {
            return null;
        }
        var reader = s.getIndexReader();
        List<Map.Entry<Term, Integer>> byRarity = new ArrayList<>();
        for (String w : words) {
            Term t = new Term("ct", county + "|" + w);
            byRarity.add(Map.entry(t, reader.docFreq(t)));
        }
        // A shared place name alone does not make a duplicate, and common words say little: judge by the
        // rarest words (a word nobody else used counts against a match).
        byRarity.sort(Map.Entry.comparingByValue());
        List<Map.Entry<Term, Integer>> chosen = byRarity.subList(0, Math.min(MAX_TERMS, byRarity.size()));
        int needed = Math.max(Math.min(2, chosen.size()), (int) Math.ceil(chosen.size() * MIN_SHARE));
        List<Term> present = chosen.stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        if (present.size() < needed) {
            return null;
        }
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        present.forEach(t -> should.add(new TermQuery(t), BooleanClause.Occur.SHOULD));
        should.setMinimumNumberShouldMatch(needed);
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term("id", Long.toString(excludeId))), BooleanClause.Occur.MUST_NOT);
        if (rareFilter) {
            query.add(rarest(present, needed), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    private static List<Hit> hits(IndexSearcher s, ScoreDoc[] docs) throws IOException {
        List<Hit> hits = new ArrayList<>();
        var stored = s.storedFields();
        for (ScoreDoc sd : docs) {
            hits.add(new Hit(stored.document(sd.doc).getField("caseId").numericValue().longValue(), sd.score));
        }
        return hits;
    }

    /**
     * A document with {@code needed} of the {@code present} words (rarest first) has at least one of the first
     * {@code present - needed + 1} of them: whatever lacks all of those can hold at most {@code needed - 1}. As a
     * filter (no part in the score, so the answer and its order stay the same) it lets the search visit only the
     * documents of those rare words instead of every document of the common ones (issue 11: the search over the
     * common words of a county's open cases was a third of the CPU of an Open311 POST).
     */
    static BooleanQuery rarest(List<Term> present, int needed) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Term t : present.subList(0, present.size() - needed + 1)) {
            any.add(new TermQuery(t), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    public int size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the case is in the index (as of the last refresh). */
    boolean contains(long caseId) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.count(new TermQuery(new Term("id", Long.toString(caseId)))) > 0;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tokens of a text as the index sees them (single-character particles dropped: they match everything). */
    Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("content", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 1 || Character.isDigit(term.charAt(0))) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** '/1/7/93/412/' → '/1/7/': duplicates are looked for within the county. */
    static String county(String path) {
        if (path == null) {
            return "";
        }
        int first = path.indexOf('/', 1);
        int second = first < 0 ? -1 : path.indexOf('/', first + 1);
        return second < 0 ? path : path.substring(0, second + 1);
    }

    @Override
    public void close() throws IOException {
        reopener.close();
        searchers.close();
        writer.close();
        directory.close();
        log.debug("duplicate index closed");
    }
}
