package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshRequestTest {

    @Test
    void viewsComeInViewOrderWhateverOrderTheyCameIn() {
        Map<View, InputSource> views = new LinkedHashMap<>();
        for (View view : Arrays.asList(View.values()).reversed()) {
            views.put(view, InputSource.of(Path.of(view.wireName() + ".png")));
        }
        MeshRequest request = new MeshRequest(views, MeshParams.defaults(), Path.of("x.glb"));
        assertEquals(List.of(View.values()), List.copyOf(request.views().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> request.views().remove(View.BACK));
    }

    @Test
    void aRequestWithANullFrontPhotoIsAMissingImage() {
        Map<View, InputSource> views = new HashMap<>();
        views.put(View.FRONT, null);
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> new MeshRequest(views, MeshParams.defaults(), Path.of("x.glb")));
        assertEquals(ErrorCode.MISSING_IMAGE, e.code());
    }

    @Test
    void aRequestWithANullViewOrPhotoIsAMalformedRequestNamingIt() {
        Map<View, InputSource> nullPhoto = new HashMap<>();
        nullPhoto.put(View.FRONT, InputSource.of(Path.of("front.png")));
        nullPhoto.put(View.LEFT, null);
        Forge3dException e = assertThrows(Forge3dException.class,
                () -> new MeshRequest(nullPhoto, MeshParams.defaults(), Path.of("x.glb")));
        assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
        assertTrue(e.getMessage().contains("views.left"), e.getMessage());

        Map<View, InputSource> nullView = new HashMap<>();
        nullView.put(View.FRONT, InputSource.of(Path.of("front.png")));
        nullView.put(null, InputSource.of(Path.of("other.png")));
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(Forge3dException.class,
                () -> new MeshRequest(nullView, MeshParams.defaults(), Path.of("x.glb"))).code());
    }
}
