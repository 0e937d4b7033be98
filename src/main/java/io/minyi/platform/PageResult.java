package io.minyi.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a list, numbered from 1, with the total so the page can draw its pager. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
    /** The last page one may ask for: beyond it the offset would overflow and the database refuse a negative one. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    public PageResult {
        items = List.copyOf(items);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total);
    }

    /** A requested page, clamped so that no query string can ask for a million rows. */
    public record Request(int page, int size) {
        public Request {
            page = Math.clamp(page, 1, MAX_PAGE);
            size = size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        }

        public static Request of(Integer page, Integer size) {
            return new Request(page == null ? 1 : page, size == null ? DEFAULT_SIZE : size);
        }

        public int offset() {
            return (page - 1) * size;
        }
    }
}
