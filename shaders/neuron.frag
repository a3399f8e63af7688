#version 330 core
// Discs are antialiased at their rim; squares (input pixels) are sharp rectangles.
in vec2 vLocal;
flat in vec4 vShape;
flat in vec4 vFill;
flat in vec4 vRing;
flat in vec2 vRingWidth;
out vec4 fragColor;

void main()
{
    float r = vShape.z;
    if (vShape.w > 0.5) {
        float ry = vRingWidth.y > 0.0 ? vRingWidth.y : r;
        if (abs(vLocal.x) > r || abs(vLocal.y) > ry)
            discard;
        fragColor = vFill;
        return;
    }
    float d = length(vLocal);
    float coverage = clamp(r + 0.5 - d, 0.0, 1.0);
    if (coverage <= 0.0)
        discard;
    float ring = clamp(d - (r - vRingWidth.x) + 0.5, 0.0, 1.0);
    vec4 c = mix(vFill, vRing, ring * vRing.a);
    fragColor = vec4(c.rgb, max(vFill.a, ring * vRing.a) * coverage);
}
