#version 330 core
// A full-viewport rectangle (4 strip vertices from gl_VertexID, no buffers) sampling a texture
// 1:1: the network view's cached edge picture copied into the window each frame.
out vec2 vUV;

void main()
{
    vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
    vUV = corner;
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
