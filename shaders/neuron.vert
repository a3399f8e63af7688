#version 330 core
// A neuron (disc) or an input pixel (square): fill colour = activation, ring = outline/highlight.
layout(location = 0) in vec2 aCorner;  // unit quad corner, 0..1
layout(location = 1) in vec4 iShape;   // (centre x, centre y, radius, 0 = disc / 1 = square)
layout(location = 2) in vec4 iFill;    // fill rgba
layout(location = 3) in vec4 iRing;    // ring rgba
layout(location = 4) in vec2 iRingWidth; // (ring width px, half height for squares; 0 = radius)

uniform vec2 uViewport;

out vec2 vLocal;       // pixels from the centre
flat out vec4 vShape;
flat out vec4 vFill;
flat out vec4 vRing;
flat out vec2 vRingWidth;

void main()
{
    float r = iShape.z;
    float ry = iRingWidth.y > 0.0 ? iRingWidth.y : r;
    vec2 half_ = vec2(r, ry) + vec2(1.0);
    vLocal = (aCorner * 2.0 - 1.0) * half_;
    vShape = iShape;
    vFill = iFill;
    vRing = iRing;
    vRingWidth = iRingWidth;
    gl_Position = pixelToClip(iShape.xy + vLocal, uViewport);
}
