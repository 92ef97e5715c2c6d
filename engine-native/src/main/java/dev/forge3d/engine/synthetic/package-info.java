/**
 * Synthetic scenes with exact ground truth, the test fixture of capture, SfM, splat training and
 * meshing.
 *
 * <p>A {@link dev.forge3d.engine.synthetic.SyntheticScene} is a procedurally textured object made
 * of {@link dev.forge3d.engine.synthetic.Sphere spheres}, {@link dev.forge3d.engine.synthetic.Box
 * boxes} and {@link dev.forge3d.engine.synthetic.Cylinder cylinders}, optionally standing on a
 * textured ground disc. {@link dev.forge3d.engine.synthetic.RayCastRenderer} ray-casts it on the
 * CPU; {@link dev.forge3d.engine.synthetic.SceneGenerator} writes frames, masks, an MP4 and the
 * ground truth into a folder.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@code SceneGenerator.generateDefaultOrbit(dir)}: the composite object on a textured
 *       ground disc, 120 frames of 640 x 360 around a full orbit, with MP4, mesh and ground
 *       truth; returns a {@link dev.forge3d.engine.synthetic.GeneratedScene}.</li>
 *   <li>{@code SceneGenerator.generate(GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(seed),
 *       w, h, frames), dir)}: a smaller or differently seeded orbit.</li>
 *   <li>{@code SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.SPHERE.isolated(seed),
 *       size), dir)}: front, back, left and right photos of one object on a plain background.</li>
 *   <li>{@code GroundTruth.read(dir)}: the cameras, the analytic scene (inside tests, surface
 *       samples, re-rendering) and the file paths of a generated folder.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>World: right-handed, metres, <b>Y up</b>; the ground is the plane y = 0.</li>
 *   <li>Poses are <b>camera-to-world</b> 4x4 matrices in the <b>OpenCV</b> camera convention:
 *       camera x points right in the image, y down, z forward (the viewing direction). Use
 *       {@link dev.forge3d.engine.synthetic.CameraPose#cameraToWorldOpenGl()} for the
 *       OpenGL/nerfstudio convention (x right, y up, z backward).</li>
 *   <li>Pixels: continuous image coordinates have their origin at the <b>top-left corner</b> of
 *       the top-left pixel, so pixel (i, j) covers [i, i+1) x [j, j+1) and its centre is at
 *       <b>(i + 0.5, j + 0.5)</b> (the COLMAP and nerfstudio convention). A camera-space point
 *       (x, y, z) projects to u = fx x / z + cx, v = fy y / z + cy. OpenCV keypoints put pixel
 *       centres at integers; use {@link
 *       dev.forge3d.engine.synthetic.PinholeIntrinsics#withIntegerPixelCentres()} for them.</li>
 *   <li>Colours are packed 0xRRGGBB ints.</li>
 *   <li>Everything is deterministic: the same scene, cameras and settings give bit-identical
 *       images on any thread count.</li>
 * </ul>
 */
package dev.forge3d.engine.synthetic;
