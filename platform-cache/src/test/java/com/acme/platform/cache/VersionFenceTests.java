package com.acme.platform.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionFenceTests extends CacheTestSupport {

    @Test
    void aLoaderThatReadTheOldRowBeforeAWriteCannotPutItBack() {
        StampedeProtectedCache<Item> cache = cache(settings("fence-" + uniqueKey()));
        Source source = new Source();
        source.write(new Item(1, "old"));
        String key = uniqueKey();

        // Forced interleaving: the loader reads v1, then a write commits v2 and invalidates before the fill.
        CacheRead<Item> racing = cache.get(key, 0, min -> {
            Loaded<Item> old = source.read(min);
            if (old.value().version() == 1) {
                long position = source.write(new Item(2, "new"));
                cache.invalidate(key, 2, position, false);
            }
            return old;
        });

        assertThat(racing.value()).contains(new Item(2, "new")); // refused, so it read again past the write
        int loads = source.loads.get();
        CacheRead<Item> next = cache.get(key, 0, source::read);
        assertThat(next.value()).contains(new Item(2, "new"));
        assertThat(next.outcome()).isEqualTo(CacheOutcome.HIT);
        assertThat(source.loads.get()).isEqualTo(loads);
    }

    @Test
    void aLoaderIsAskedToReadPastTheTombstonesPosition() {
        StampedeProtectedCache<Item> cache = cache(settings("fencepos-" + uniqueKey()));
        Source source = new Source();
        source.write(new Item(1, "v1"));
        String key = uniqueKey();
        cache.get(key, 0, source::read);
        long position = source.write(new Item(2, "v2"));
        cache.invalidate(key, 2, position, false);

        long[] asked = new long[1];
        cache.get(key, 0, min -> {
            asked[0] = min;
            return source.read(min);
        });
        assertThat(asked[0]).isEqualTo(position);
    }

    @Test
    void aDeletionIsNegativeCachedButAStaleReadOfTheDeletedRowIsRefused() {
        StampedeProtectedCache<Item> cache = cache(settings("fencedel-" + uniqueKey()));
        Source source = new Source();
        source.write(new Item(4, "doomed"));
        String key = uniqueKey();
        cache.get(key, 0, source::read);

        CacheRead<Item> racing = cache.get(key + "", 0, min -> source.read(min)); // HIT, nothing loaded
        assertThat(racing.value()).isPresent();

        long position = source.write(null);
        cache.invalidate(key, 5, position, true);
        assertThat(cache.get(key, 0, min -> new Loaded<>(new Item(4, "doomed"), 1)).value())
                .as("a loader that still sees the deleted row cannot cache it").contains(new Item(4, "doomed"));
        assertThat(cache.get(key, 0, source::read).value()).isEmpty();
        int loads = source.loads.get();
        assertThat(cache.get(key, 0, source::read).value()).isEmpty();
        assertThat(source.loads.get()).as("negative-cached").isEqualTo(loads);
    }
}
