#version 330 core
// One connection between two neurons as a quad stretched along the segment p0 → p1.
// Per instance: the segment, its normalised signed value (weight or w·a, in −1..1 after scaling
// by the layer's largest magnitude) and which layer/neurons it joins (for hover highlighting).
layout(location = 0) in vec2 aCorner;   // unit quad corner, 0..1
layout(location = 1) in vec4 iSegment;  // (x0, y0, x1, y1) in pixels
layout(location = 2) in vec4 iInfo;     // (value −1..1, layer l: joins l → l+1, from, to)

uniform vec2 uViewport;       // target size in pixels
uniform vec2 uHover;          // (layer, neuron) hovered, layer < 0 when none
uniform float uInputAlpha;    // opacity factor for the 12,544 input → hidden edges
uniform float uScale;         // content scale: line widths in logical pixels

out vec4 vColor;
out float vAcross;            // signed distance from the centre line, pixels
out float vHalfWidth;

void main()
{
    vec2 p0 = iSegment.xy, p1 = iSegment.zw;
    float value = iInfo.x;
    float layer = iInfo.y;
    float t = clamp(abs(value), 0.0, 1.0);

    bool hovering = uHover.x >= 0.0;
    bool lit = hovering && ((layer == uHover.x - 1.0 && iInfo.w == uHover.y) ||
                            (layer == uHover.x && iInfo.z == uHover.y));

    bool fromInput = layer < 0.5;
    float width = fromInput ? mix(0.6, 1.6, t) : mix(0.6, 3.2, t);
    float alpha = fromInput ? uInputAlpha * mix(0.04, 1.0, t * t) : mix(0.04, 0.95, t);
    if (hovering) {
        if (lit) {
            width += 0.8;
            alpha = max(mix(0.15, 1.0, t), fromInput ? 0.25 : 0.35);
        } else {
            alpha *= 0.18;
        }
    }
    width *= uScale;
    // Thin lines keep a 1-pixel footprint and lose opacity instead (coverage).
    vec3 rgb = value >= 0.0 ? kPositive : kNegative;
    vColor = vec4(rgb, alpha * min(width, 1.0));
    vHalfWidth = max(width, 1.0) * 0.5;

    vec2 d = p1 - p0;
    float len = max(length(d), 1e-4);
    vec2 n = vec2(-d.y, d.x) / len;
    // Lines wider than 1.5 px get a one-pixel antialiased rim; thinner ones (most of the 12,544
    // input edges) cover exactly their pixel column, which keeps the software renderer's fill
    // cost (and the start-up time) down: the faint lines look the same.
    float h = vHalfWidth + (width > 1.5 ? 1.0 : 0.0);
    vAcross = (aCorner.y * 2.0 - 1.0) * h;
    vec2 p = p0 + d * aCorner.x + n * vAcross;
    gl_Position = pixelToClip(p, uViewport);
}
