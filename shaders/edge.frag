#version 330 core
// Antialiased line: full opacity inside the half width, fading over one pixel outside it.
in vec4 vColor;
in float vAcross;
in float vHalfWidth;
out vec4 fragColor;

void main()
{
    float coverage = clamp(vHalfWidth + 0.5 - abs(vAcross), 0.0, 1.0);
    fragColor = vec4(vColor.rgb, vColor.a * coverage);
}
