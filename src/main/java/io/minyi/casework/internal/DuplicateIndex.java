package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds open cases that probably describe the same thing ("可能重复"): a full-text index over the content of open
 * cases, tokenised by Lucene's SmartChineseAnalyzer, searched within the same county.
 *
 * <p>Why in memory and per node: the index holds only <em>open</em> cases (tens of thousands for a city, a few
 * hundred thousand for a province), it is rebuilt from PostgreSQL at start in seconds, and PostgreSQL stays the only
 * source of truth. With several application nodes each node keeps its own copy: the node that makes a change
 * updates its index right after the commit, and every node catches up with other nodes' changes by reading the cases
 * whose {@code updated_at} is newer than its last look ({@link #catchUp}, at most every few seconds, driven by
 * searches). A node that crashed simply rebuilds. Beyond one province the same shape moves to a shared search
 * service, behind the same two methods.
 */
public class DuplicateIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuplicateIndex.class);
    private static final double MIN_SHARE = 0.6;

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public record Hit(long caseId, float score) {
    }

    public DuplicateIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds, replaces or (when the case is no longer open) removes a case. Call {@link #refresh()} afterwards. */
    public void put(long caseId, String content, String jurisdictionPath, CaseState state) {
        try {
            Term id = new Term("id", Long.toString(caseId));
            if (!state.isOpen()) {
                writer.deleteDocuments(id);
                return;
            }
            Document doc = new Document();
            doc.add(new StringField("id", Long.toString(caseId), Field.Store.NO));
            doc.add(new StoredField("caseId", caseId));
            doc.add(new LongPoint("caseIdPoint", caseId));
            doc.add(new StringField("county", county(jurisdictionPath), Field.Store.NO));
            doc.add(new TextField("content", content, Field.Store.NO));
            writer.updateDocument(id, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open cases in the same county whose content shares enough words with {@code content}, best first. */
    public List<Hit> similar(String content, String jurisdictionPath, long excludeId, int limit) {
        Set<String> terms = terms(content);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int n = 0;
        for (String t : terms) {
            if (n++ >= 64) {
                break;
            }
            words.add(new TermQuery(new Term("content", t)), BooleanClause.Occur.SHOULD);
        }
        // Most of the words must match: a shared place name alone does not make a duplicate. (A threshold on the
        // BM25 score would not do: scores depend on how many documents the index holds.)
        int used = Math.min(terms.size(), 64);
        words.setMinimumNumberShouldMatch(Math.max(Math.min(2, used), (int) Math.ceil(used * MIN_SHARE)));
        BooleanQuery query = new BooleanQuery.Builder()
                .add(words.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term("county", county(jurisdictionPath))), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term("id", Long.toString(excludeId))), BooleanClause.Occur.MUST_NOT)
                .build();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                List<Hit> hits = new ArrayList<>();
                var stored = s.storedFields();
                for (ScoreDoc sd : s.search(query, limit).scoreDocs) {
                    hits.add(new Hit(stored.document(sd.doc).getField("caseId").numericValue().longValue(), sd.score));
                }
                return hits;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        searchers.close();
        writer.close();
        directory.close();
        log.debug("duplicate index closed");
    }

    /** Helper for the catch-up bookkeeping. */
    static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
