// Shared by every nnviz shader (spliced in after #version by app/gui/gl/shader.cpp).
// The colour language of app/gui/colors.hpp: green = positive, red = negative, dim near zero.
const vec3 kPositive = vec3(0.20, 0.85, 0.35);
const vec3 kNegative = vec3(0.95, 0.25, 0.25);
const vec3 kHighlight = vec3(1.00, 0.80, 0.25);

// Pixel coordinates (origin top-left, y down) in a target of size viewport → clip space.
vec4 pixelToClip(vec2 p, vec2 viewport)
{
    return vec4(p.x / viewport.x * 2.0 - 1.0, 1.0 - p.y / viewport.y * 2.0, 0.0, 1.0);
}
