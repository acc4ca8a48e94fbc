package dev.creact.localcloud;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD mock taught server-side apply, which it refuses (415 for an object that exists, 404 for
 * one that does not): an apply of an existing object is served as a JSON merge patch of the body, an apply
 * of a missing one as a create, as a real API server does for a sole field manager. The requests are still
 * recorded as sent (PATCH, application/apply-patch+yaml), so a test can check that apply was used.
 */
public final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        String body = request.getUtf8Body(); // the body can be read once
        String path = request.getPath();
        MockResponse merged = super.handlePatch(new RecordedRequest(request.getHttpVersion(), request.method(), path,
                Headers.builder().add("Content-Type", "application/merge-patch+json").build(), new Buffer().writeUtf8(body)));
        if (merged.code() != 404) {
            return merged;
        }
        int query = path.indexOf('?');
        String collection = query < 0 ? path : path.substring(0, query);
        collection = collection.substring(0, collection.lastIndexOf('/'));
        return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer().writeUtf8(body)));
    }
}
