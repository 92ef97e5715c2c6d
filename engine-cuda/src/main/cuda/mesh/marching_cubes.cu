// Marching cubes: the GPU twin of MarchingCubes (engine-native).
//
// The CPU twin numbers the crossed grid edges in order of (sample index, axis) and the triangles in
// order of (cube index, table slot), placing each z layer's output by prefix sums over per-layer
// counts. Here one thread handles one sample (and the cube whose lowest corner it is): per-sample
// counts, CUB's exclusive scans, then per-sample emission at the scanned starts, which yields the
// same arrays. The vertex id of a cube edge is its origin sample's start plus the crossed edges of
// lower axes at that sample, so no 3 n edge-id array is needed. Positions use the CPU's operations
// in the same order, as explicitly rounded intrinsics (no fused multiply-add), so they match bit
// for bit.
#include <cub/device/device_scan.cuh>

#include "../common/handles.cuh"

namespace {

constexpr int kThreadsPerBlock = 256;
constexpr int64_t kMaxBlocks = 65535;  // larger grids are covered by the grid-stride loops

// MarchingCubesTable.triangles() of engine-native: 256 cases of 16 cube-edge indices, three per
// triangle, -1 after the last. Kept in this one textual form; MarchingCubesTableSourceTest checks
// that it equals the Java table.
__constant__ signed char kTriangles[256 * 16] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 0
     0,  4,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 1
     0,  9,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 2
     4,  8,  9,  4,  9,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 3
     1, 10,  4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 4
     0,  1, 10,  0, 10,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 5
     0,  9,  5,  1, 10,  4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 6
     1, 10,  8,  1,  8,  9,  1,  9,  5, -1, -1, -1, -1, -1, -1, -1,  // 7
     1,  5, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 8
     0,  4,  8,  1,  5, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 9
     0,  9, 11,  0, 11,  1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 10
     1,  4,  8,  1,  8,  9,  1,  9, 11, -1, -1, -1, -1, -1, -1, -1,  // 11
     4,  5, 11,  4, 11, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 12
     0,  5, 11,  0, 11, 10,  0, 10,  8, -1, -1, -1, -1, -1, -1, -1,  // 13
     0,  9, 11,  0, 11, 10,  0, 10,  4, -1, -1, -1, -1, -1, -1, -1,  // 14
     8,  9, 11,  8, 11, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 15
     2,  8,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 16
     0,  4,  6,  0,  6,  2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 17
     0,  9,  5,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 18
     2,  9,  5,  2,  5,  4,  2,  4,  6, -1, -1, -1, -1, -1, -1, -1,  // 19
     1, 10,  4,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 20
     0,  1, 10,  0, 10,  6,  0,  6,  2, -1, -1, -1, -1, -1, -1, -1,  // 21
     0,  9,  5,  1, 10,  4,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1,  // 22
     1, 10,  6,  1,  6,  2,  1,  2,  9,  1,  9,  5, -1, -1, -1, -1,  // 23
     1,  5, 11,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 24
     0,  4,  6,  0,  6,  2,  1,  5, 11, -1, -1, -1, -1, -1, -1, -1,  // 25
     0,  9, 11,  0, 11,  1,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1,  // 26
     1,  4,  6,  1,  6,  2,  1,  2,  9,  1,  9, 11, -1, -1, -1, -1,  // 27
     2,  8,  6,  4,  5, 11,  4, 11, 10, -1, -1, -1, -1, -1, -1, -1,  // 28
     0,  5, 11,  0, 11, 10,  0, 10,  6,  0,  6,  2, -1, -1, -1, -1,  // 29
     0,  9, 11,  0, 11, 10,  0, 10,  4,  2,  8,  6, -1, -1, -1, -1,  // 30
     2,  9, 11,  2, 11, 10,  2, 10,  6, -1, -1, -1, -1, -1, -1, -1,  // 31
     2,  7,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 32
     0,  4,  8,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 33
     0,  2,  7,  0,  7,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 34
     2,  7,  5,  2,  5,  4,  2,  4,  8, -1, -1, -1, -1, -1, -1, -1,  // 35
     1, 10,  4,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 36
     0,  1, 10,  0, 10,  8,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1,  // 37
     0,  2,  7,  0,  7,  5,  1, 10,  4, -1, -1, -1, -1, -1, -1, -1,  // 38
     1, 10,  8,  1,  8,  2,  1,  2,  7,  1,  7,  5, -1, -1, -1, -1,  // 39
     1,  5, 11,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 40
     0,  4,  8,  1,  5, 11,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1,  // 41
     0,  2,  7,  0,  7, 11,  0, 11,  1, -1, -1, -1, -1, -1, -1, -1,  // 42
     1,  4,  8,  1,  8,  2,  1,  2,  7,  1,  7, 11, -1, -1, -1, -1,  // 43
     2,  7,  9,  4,  5, 11,  4, 11, 10, -1, -1, -1, -1, -1, -1, -1,  // 44
     0,  5, 11,  0, 11, 10,  0, 10,  8,  2,  7,  9, -1, -1, -1, -1,  // 45
     0,  2,  7,  0,  7, 11,  0, 11, 10,  0, 10,  4, -1, -1, -1, -1,  // 46
     2,  7, 11,  2, 11, 10,  2, 10,  8, -1, -1, -1, -1, -1, -1, -1,  // 47
     6,  7,  9,  6,  9,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 48
     0,  4,  6,  0,  6,  7,  0,  7,  9, -1, -1, -1, -1, -1, -1, -1,  // 49
     0,  8,  6,  0,  6,  7,  0,  7,  5, -1, -1, -1, -1, -1, -1, -1,  // 50
     4,  6,  7,  4,  7,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 51
     1, 10,  4,  6,  7,  9,  6,  9,  8, -1, -1, -1, -1, -1, -1, -1,  // 52
     0,  1, 10,  0, 10,  6,  0,  6,  7,  0,  7,  9, -1, -1, -1, -1,  // 53
     0,  8,  6,  0,  6,  7,  0,  7,  5,  1, 10,  4, -1, -1, -1, -1,  // 54
     1, 10,  6,  1,  6,  7,  1,  7,  5, -1, -1, -1, -1, -1, -1, -1,  // 55
     1,  5, 11,  6,  7,  9,  6,  9,  8, -1, -1, -1, -1, -1, -1, -1,  // 56
     0,  4,  6,  0,  6,  7,  0,  7,  9,  1,  5, 11, -1, -1, -1, -1,  // 57
     0,  8,  6,  0,  6,  7,  0,  7, 11,  0, 11,  1, -1, -1, -1, -1,  // 58
     1,  4,  6,  1,  6,  7,  1,  7, 11, -1, -1, -1, -1, -1, -1, -1,  // 59
     4,  5, 11,  4, 11, 10,  6,  7,  9,  6,  9,  8, -1, -1, -1, -1,  // 60
     0,  5, 11,  0, 11, 10,  0, 10,  6,  0,  6,  7,  0,  7,  9, -1,  // 61
     0,  8,  6,  0,  6,  7,  0,  7, 11,  0, 11, 10,  0, 10,  4, -1,  // 62
     6,  7, 11,  6, 11, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 63
     3,  6, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 64
     0,  4,  8,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 65
     0,  9,  5,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 66
     3,  6, 10,  4,  8,  9,  4,  9,  5, -1, -1, -1, -1, -1, -1, -1,  // 67
     1,  3,  6,  1,  6,  4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 68
     0,  1,  3,  0,  3,  6,  0,  6,  8, -1, -1, -1, -1, -1, -1, -1,  // 69
     0,  9,  5,  1,  3,  6,  1,  6,  4, -1, -1, -1, -1, -1, -1, -1,  // 70
     1,  3,  6,  1,  6,  8,  1,  8,  9,  1,  9,  5, -1, -1, -1, -1,  // 71
     1,  5, 11,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 72
     0,  4,  8,  1,  5, 11,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 73
     0,  9, 11,  0, 11,  1,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 74
     1,  4,  8,  1,  8,  9,  1,  9, 11,  3,  6, 10, -1, -1, -1, -1,  // 75
     3,  6,  4,  3,  4,  5,  3,  5, 11, -1, -1, -1, -1, -1, -1, -1,  // 76
     0,  5, 11,  0, 11,  3,  0,  3,  6,  0,  6,  8, -1, -1, -1, -1,  // 77
     0,  9, 11,  0, 11,  3,  0,  3,  6,  0,  6,  4, -1, -1, -1, -1,  // 78
     3,  6,  8,  3,  8,  9,  3,  9, 11, -1, -1, -1, -1, -1, -1, -1,  // 79
     2,  8, 10,  2, 10,  3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 80
     0,  4, 10,  0, 10,  3,  0,  3,  2, -1, -1, -1, -1, -1, -1, -1,  // 81
     0,  9,  5,  2,  8, 10,  2, 10,  3, -1, -1, -1, -1, -1, -1, -1,  // 82
     2,  9,  5,  2,  5,  4,  2,  4, 10,  2, 10,  3, -1, -1, -1, -1,  // 83
     1,  3,  2,  1,  2,  8,  1,  8,  4, -1, -1, -1, -1, -1, -1, -1,  // 84
     0,  1,  3,  0,  3,  2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 85
     0,  9,  5,  1,  3,  2,  1,  2,  8,  1,  8,  4, -1, -1, -1, -1,  // 86
     1,  3,  2,  1,  2,  9,  1,  9,  5, -1, -1, -1, -1, -1, -1, -1,  // 87
     1,  5, 11,  2,  8, 10,  2, 10,  3, -1, -1, -1, -1, -1, -1, -1,  // 88
     0,  4, 10,  0, 10,  3,  0,  3,  2,  1,  5, 11, -1, -1, -1, -1,  // 89
     0,  9, 11,  0, 11,  1,  2,  8, 10,  2, 10,  3, -1, -1, -1, -1,  // 90
     4, 10,  3,  4,  3,  2,  4,  2,  9,  4,  9, 11,  4, 11,  1, -1,  // 91
     2,  8,  4,  2,  4,  5,  2,  5, 11,  2, 11,  3, -1, -1, -1, -1,  // 92
     0,  5, 11,  0, 11,  3,  0,  3,  2, -1, -1, -1, -1, -1, -1, -1,  // 93
    11,  3,  2, 11,  2,  8, 11,  8,  4, 11,  4,  0, 11,  0,  9, -1,  // 94
     2,  9, 11,  2, 11,  3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 95
     2,  7,  9,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 96
     0,  4,  8,  2,  7,  9,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 97
     0,  2,  7,  0,  7,  5,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 98
     2,  7,  5,  2,  5,  4,  2,  4,  8,  3,  6, 10, -1, -1, -1, -1,  // 99
     1,  3,  6,  1,  6,  4,  2,  7,  9, -1, -1, -1, -1, -1, -1, -1,  // 100
     0,  1,  3,  0,  3,  6,  0,  6,  8,  2,  7,  9, -1, -1, -1, -1,  // 101
     0,  2,  7,  0,  7,  5,  1,  3,  6,  1,  6,  4, -1, -1, -1, -1,  // 102
     1,  3,  6,  1,  6,  8,  1,  8,  2,  1,  2,  7,  1,  7,  5, -1,  // 103
     1,  5, 11,  2,  7,  9,  3,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 104
     0,  4,  8,  1,  5, 11,  2,  7,  9,  3,  6, 10, -1, -1, -1, -1,  // 105
     0,  2,  7,  0,  7, 11,  0, 11,  1,  3,  6, 10, -1, -1, -1, -1,  // 106
     1,  4,  8,  1,  8,  2,  1,  2,  7,  1,  7, 11,  3,  6, 10, -1,  // 107
     2,  7,  9,  3,  6,  4,  3,  4,  5,  3,  5, 11, -1, -1, -1, -1,  // 108
     0,  5, 11,  0, 11,  3,  0,  3,  6,  0,  6,  8,  2,  7,  9, -1,  // 109
     0,  2,  7,  0,  7, 11,  0, 11,  3,  0,  3,  6,  0,  6,  4, -1,  // 110
    11,  3,  6, 11,  6,  8, 11,  8,  2, 11,  2,  7, -1, -1, -1, -1,  // 111
     3,  7,  9,  3,  9,  8,  3,  8, 10, -1, -1, -1, -1, -1, -1, -1,  // 112
     0,  4, 10,  0, 10,  3,  0,  3,  7,  0,  7,  9, -1, -1, -1, -1,  // 113
     0,  8, 10,  0, 10,  3,  0,  3,  7,  0,  7,  5, -1, -1, -1, -1,  // 114
     3,  7,  5,  3,  5,  4,  3,  4, 10, -1, -1, -1, -1, -1, -1, -1,  // 115
     1,  3,  7,  1,  7,  9,  1,  9,  8,  1,  8,  4, -1, -1, -1, -1,  // 116
     0,  1,  3,  0,  3,  7,  0,  7,  9, -1, -1, -1, -1, -1, -1, -1,  // 117
     8,  4,  1,  8,  1,  3,  8,  3,  7,  8,  7,  5,  8,  5,  0, -1,  // 118
     1,  3,  7,  1,  7,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 119
     1,  5, 11,  3,  7,  9,  3,  9,  8,  3,  8, 10, -1, -1, -1, -1,  // 120
     0,  4, 10,  0, 10,  3,  0,  3,  7,  0,  7,  9,  1,  5, 11, -1,  // 121
     0,  8, 10,  0, 10,  3,  0,  3,  7,  0,  7, 11,  0, 11,  1, -1,  // 122
     4, 10,  3,  4,  3,  7,  4,  7, 11,  4, 11,  1, -1, -1, -1, -1,  // 123
     3,  7,  9,  3,  9,  8,  3,  8,  4,  3,  4,  5,  3,  5, 11, -1,  // 124
     0,  5, 11,  0, 11,  3,  0,  3,  7,  0,  7,  9, -1, -1, -1, -1,  // 125
     0,  8,  4,  3,  7, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 126
     3,  7, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 127
     3, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 128
     0,  4,  8,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 129
     0,  9,  5,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 130
     3, 11,  7,  4,  8,  9,  4,  9,  5, -1, -1, -1, -1, -1, -1, -1,  // 131
     1, 10,  4,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 132
     0,  1, 10,  0, 10,  8,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 133
     0,  9,  5,  1, 10,  4,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 134
     1, 10,  8,  1,  8,  9,  1,  9,  5,  3, 11,  7, -1, -1, -1, -1,  // 135
     1,  5,  7,  1,  7,  3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 136
     0,  4,  8,  1,  5,  7,  1,  7,  3, -1, -1, -1, -1, -1, -1, -1,  // 137
     0,  9,  7,  0,  7,  3,  0,  3,  1, -1, -1, -1, -1, -1, -1, -1,  // 138
     1,  4,  8,  1,  8,  9,  1,  9,  7,  1,  7,  3, -1, -1, -1, -1,  // 139
     3, 10,  4,  3,  4,  5,  3,  5,  7, -1, -1, -1, -1, -1, -1, -1,  // 140
     0,  5,  7,  0,  7,  3,  0,  3, 10,  0, 10,  8, -1, -1, -1, -1,  // 141
     0,  9,  7,  0,  7,  3,  0,  3, 10,  0, 10,  4, -1, -1, -1, -1,  // 142
     3, 10,  8,  3,  8,  9,  3,  9,  7, -1, -1, -1, -1, -1, -1, -1,  // 143
     2,  8,  6,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 144
     0,  4,  6,  0,  6,  2,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 145
     0,  9,  5,  2,  8,  6,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 146
     2,  9,  5,  2,  5,  4,  2,  4,  6,  3, 11,  7, -1, -1, -1, -1,  // 147
     1, 10,  4,  2,  8,  6,  3, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 148
     0,  1, 10,  0, 10,  6,  0,  6,  2,  3, 11,  7, -1, -1, -1, -1,  // 149
     0,  9,  5,  1, 10,  4,  2,  8,  6,  3, 11,  7, -1, -1, -1, -1,  // 150
     1, 10,  6,  1,  6,  2,  1,  2,  9,  1,  9,  5,  3, 11,  7, -1,  // 151
     1,  5,  7,  1,  7,  3,  2,  8,  6, -1, -1, -1, -1, -1, -1, -1,  // 152
     0,  4,  6,  0,  6,  2,  1,  5,  7,  1,  7,  3, -1, -1, -1, -1,  // 153
     0,  9,  7,  0,  7,  3,  0,  3,  1,  2,  8,  6, -1, -1, -1, -1,  // 154
     1,  4,  6,  1,  6,  2,  1,  2,  9,  1,  9,  7,  1,  7,  3, -1,  // 155
     2,  8,  6,  3, 10,  4,  3,  4,  5,  3,  5,  7, -1, -1, -1, -1,  // 156
     0,  5,  7,  0,  7,  3,  0,  3, 10,  0, 10,  6,  0,  6,  2, -1,  // 157
     0,  9,  7,  0,  7,  3,  0,  3, 10,  0, 10,  4,  2,  8,  6, -1,  // 158
     9,  7,  3,  9,  3, 10,  9, 10,  6,  9,  6,  2, -1, -1, -1, -1,  // 159
     2,  3, 11,  2, 11,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 160
     0,  4,  8,  2,  3, 11,  2, 11,  9, -1, -1, -1, -1, -1, -1, -1,  // 161
     0,  2,  3,  0,  3, 11,  0, 11,  5, -1, -1, -1, -1, -1, -1, -1,  // 162
     2,  3, 11,  2, 11,  5,  2,  5,  4,  2,  4,  8, -1, -1, -1, -1,  // 163
     1, 10,  4,  2,  3, 11,  2, 11,  9, -1, -1, -1, -1, -1, -1, -1,  // 164
     0,  1, 10,  0, 10,  8,  2,  3, 11,  2, 11,  9, -1, -1, -1, -1,  // 165
     0,  2,  3,  0,  3, 11,  0, 11,  5,  1, 10,  4, -1, -1, -1, -1,  // 166
     8,  2,  3,  8,  3, 11,  8, 11,  5,  8,  5,  1,  8,  1, 10, -1,  // 167
     1,  5,  9,  1,  9,  2,  1,  2,  3, -1, -1, -1, -1, -1, -1, -1,  // 168
     0,  4,  8,  1,  5,  9,  1,  9,  2,  1,  2,  3, -1, -1, -1, -1,  // 169
     0,  2,  3,  0,  3,  1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 170
     1,  4,  8,  1,  8,  2,  1,  2,  3, -1, -1, -1, -1, -1, -1, -1,  // 171
     2,  3, 10,  2, 10,  4,  2,  4,  5,  2,  5,  9, -1, -1, -1, -1,  // 172
     5,  9,  2,  5,  2,  3,  5,  3, 10,  5, 10,  8,  5,  8,  0, -1,  // 173
     0,  2,  3,  0,  3, 10,  0, 10,  4, -1, -1, -1, -1, -1, -1, -1,  // 174
     2,  3, 10,  2, 10,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 175
     3, 11,  9,  3,  9,  8,  3,  8,  6, -1, -1, -1, -1, -1, -1, -1,  // 176
     0,  4,  6,  0,  6,  3,  0,  3, 11,  0, 11,  9, -1, -1, -1, -1,  // 177
     0,  8,  6,  0,  6,  3,  0,  3, 11,  0, 11,  5, -1, -1, -1, -1,  // 178
     3, 11,  5,  3,  5,  4,  3,  4,  6, -1, -1, -1, -1, -1, -1, -1,  // 179
     1, 10,  4,  3, 11,  9,  3,  9,  8,  3,  8,  6, -1, -1, -1, -1,  // 180
     0,  1, 10,  0, 10,  6,  0,  6,  3,  0,  3, 11,  0, 11,  9, -1,  // 181
     0,  8,  6,  0,  6,  3,  0,  3, 11,  0, 11,  5,  1, 10,  4, -1,  // 182
     6,  3, 11,  6, 11,  5,  6,  5,  1,  6,  1, 10, -1, -1, -1, -1,  // 183
     1,  5,  9,  1,  9,  8,  1,  8,  6,  1,  6,  3, -1, -1, -1, -1,  // 184
     6,  3,  1,  6,  1,  5,  6,  5,  9,  6,  9,  0,  6,  0,  4, -1,  // 185
     0,  8,  6,  0,  6,  3,  0,  3,  1, -1, -1, -1, -1, -1, -1, -1,  // 186
     1,  4,  6,  1,  6,  3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 187
     3, 10,  4,  3,  4,  5,  3,  5,  9,  3,  9,  8,  3,  8,  6, -1,  // 188
     0,  5,  9,  3, 10,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 189
     0,  8,  6,  0,  6,  3,  0,  3, 10,  0, 10,  4, -1, -1, -1, -1,  // 190
     3, 10,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 191
     6, 10, 11,  6, 11,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 192
     0,  4,  8,  6, 10, 11,  6, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 193
     0,  9,  5,  6, 10, 11,  6, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 194
     4,  8,  9,  4,  9,  5,  6, 10, 11,  6, 11,  7, -1, -1, -1, -1,  // 195
     1, 11,  7,  1,  7,  6,  1,  6,  4, -1, -1, -1, -1, -1, -1, -1,  // 196
     0,  1, 11,  0, 11,  7,  0,  7,  6,  0,  6,  8, -1, -1, -1, -1,  // 197
     0,  9,  5,  1, 11,  7,  1,  7,  6,  1,  6,  4, -1, -1, -1, -1,  // 198
     1, 11,  7,  1,  7,  6,  1,  6,  8,  1,  8,  9,  1,  9,  5, -1,  // 199
     1,  5,  7,  1,  7,  6,  1,  6, 10, -1, -1, -1, -1, -1, -1, -1,  // 200
     0,  4,  8,  1,  5,  7,  1,  7,  6,  1,  6, 10, -1, -1, -1, -1,  // 201
     0,  9,  7,  0,  7,  6,  0,  6, 10,  0, 10,  1, -1, -1, -1, -1,  // 202
     1,  4,  8,  1,  8,  9,  1,  9,  7,  1,  7,  6,  1,  6, 10, -1,  // 203
     4,  5,  7,  4,  7,  6, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 204
     0,  5,  7,  0,  7,  6,  0,  6,  8, -1, -1, -1, -1, -1, -1, -1,  // 205
     0,  9,  7,  0,  7,  6,  0,  6,  4, -1, -1, -1, -1, -1, -1, -1,  // 206
     6,  8,  9,  6,  9,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 207
     2,  8, 10,  2, 10, 11,  2, 11,  7, -1, -1, -1, -1, -1, -1, -1,  // 208
     0,  4, 10,  0, 10, 11,  0, 11,  7,  0,  7,  2, -1, -1, -1, -1,  // 209
     0,  9,  5,  2,  8, 10,  2, 10, 11,  2, 11,  7, -1, -1, -1, -1,  // 210
     2,  9,  5,  2,  5,  4,  2,  4, 10,  2, 10, 11,  2, 11,  7, -1,  // 211
     1, 11,  7,  1,  7,  2,  1,  2,  8,  1,  8,  4, -1, -1, -1, -1,  // 212
     0,  1, 11,  0, 11,  7,  0,  7,  2, -1, -1, -1, -1, -1, -1, -1,  // 213
     0,  9,  5,  1, 11,  7,  1,  7,  2,  1,  2,  8,  1,  8,  4, -1,  // 214
     1, 11,  7,  1,  7,  2,  1,  2,  9,  1,  9,  5, -1, -1, -1, -1,  // 215
     1,  5,  7,  1,  7,  2,  1,  2,  8,  1,  8, 10, -1, -1, -1, -1,  // 216
    10,  1,  5, 10,  5,  7, 10,  7,  2, 10,  2,  0, 10,  0,  4, -1,  // 217
     7,  2,  8,  7,  8, 10,  7, 10,  1,  7,  1,  0,  7,  0,  9, -1,  // 218
     1,  4, 10,  2,  9,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 219
     2,  8,  4,  2,  4,  5,  2,  5,  7, -1, -1, -1, -1, -1, -1, -1,  // 220
     0,  5,  7,  0,  7,  2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 221
     7,  2,  8,  7,  8,  4,  7,  4,  0,  7,  0,  9, -1, -1, -1, -1,  // 222
     2,  9,  7, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 223
     2,  6, 10,  2, 10, 11,  2, 11,  9, -1, -1, -1, -1, -1, -1, -1,  // 224
     0,  4,  8,  2,  6, 10,  2, 10, 11,  2, 11,  9, -1, -1, -1, -1,  // 225
     0,  2,  6,  0,  6, 10,  0, 10, 11,  0, 11,  5, -1, -1, -1, -1,  // 226
     2,  6, 10,  2, 10, 11,  2, 11,  5,  2,  5,  4,  2,  4,  8, -1,  // 227
     1, 11,  9,  1,  9,  2,  1,  2,  6,  1,  6,  4, -1, -1, -1, -1,  // 228
     1, 11,  9,  1,  9,  2,  1,  2,  6,  1,  6,  8,  1,  8,  0, -1,  // 229
     2,  6,  4,  2,  4,  1,  2,  1, 11,  2, 11,  5,  2,  5,  0, -1,  // 230
     1, 11,  5,  2,  6,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 231
     1,  5,  9,  1,  9,  2,  1,  2,  6,  1,  6, 10, -1, -1, -1, -1,  // 232
     0,  4,  8,  1,  5,  9,  1,  9,  2,  1,  2,  6,  1,  6, 10, -1,  // 233
     0,  2,  6,  0,  6, 10,  0, 10,  1, -1, -1, -1, -1, -1, -1, -1,  // 234
     1,  4,  8,  1,  8,  2,  1,  2,  6,  1,  6, 10, -1, -1, -1, -1,  // 235
     2,  6,  4,  2,  4,  5,  2,  5,  9, -1, -1, -1, -1, -1, -1, -1,  // 236
     5,  9,  2,  5,  2,  6,  5,  6,  8,  5,  8,  0, -1, -1, -1, -1,  // 237
     0,  2,  6,  0,  6,  4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 238
     2,  6,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 239
     8, 10, 11,  8, 11,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 240
     0,  4, 10,  0, 10, 11,  0, 11,  9, -1, -1, -1, -1, -1, -1, -1,  // 241
     0,  8, 10,  0, 10, 11,  0, 11,  5, -1, -1, -1, -1, -1, -1, -1,  // 242
     4, 10, 11,  4, 11,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 243
     1, 11,  9,  1,  9,  8,  1,  8,  4, -1, -1, -1, -1, -1, -1, -1,  // 244
     0,  1, 11,  0, 11,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 245
     8,  4,  1,  8,  1, 11,  8, 11,  5,  8,  5,  0, -1, -1, -1, -1,  // 246
     1, 11,  5, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 247
     1,  5,  9,  1,  9,  8,  1,  8, 10, -1, -1, -1, -1, -1, -1, -1,  // 248
    10,  1,  5, 10,  5,  9, 10,  9,  0, 10,  0,  4, -1, -1, -1, -1,  // 249
     0,  8, 10,  0, 10,  1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 250
     1,  4, 10, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 251
     4,  5,  9,  4,  9,  8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 252
     0,  5,  9, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 253
     0,  8,  4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 254
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1  // 255
};

// MarchingCubesTable.EDGE_ORIGIN: the corner each cube edge starts at; edge e runs along axis e / 4.
__constant__ unsigned char kEdgeOrigin[12] = {0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3};

struct Grid {
    int32_t nx, ny, nz;
    int64_t samples;
};

__device__ bool inside(float value) { return value > 0.0f; }

// Whether the edge from sample s along axis exists (the sample is not on the grid's last layer
// along that axis) and is crossed by the surface; i, j, k are s's coordinates.
__device__ bool owned_edge_crossed(const float *field, const Grid &g, int64_t s, int32_t i, int32_t j, int32_t k,
                                   int axis) {
    const int64_t step = axis == 0 ? 1 : axis == 1 ? g.nx : static_cast<int64_t>(g.nx) * g.ny;
    const bool exists = axis == 0 ? i < g.nx - 1 : axis == 1 ? j < g.ny - 1 : k < g.nz - 1;
    return exists && inside(field[s]) != inside(field[s + step]);
}

__device__ void coordinates(const Grid &g, int64_t s, int32_t &i, int32_t &j, int32_t &k) {
    i = static_cast<int32_t>(s % g.nx);
    j = static_cast<int32_t>((s / g.nx) % g.ny);
    k = static_cast<int32_t>(s / (static_cast<int64_t>(g.nx) * g.ny));
}

// The case of the cube whose lowest corner is s: bit c set when corner c is inside.
__device__ int cube_case(const float *field, const Grid &g, int64_t s) {
    const int64_t nxy = static_cast<int64_t>(g.nx) * g.ny;
    int config = 0;
    for (int c = 0; c < 8; ++c) {
        const int64_t corner = s + (c & 1) + g.nx * ((c >> 1) & 1) + nxy * ((c >> 2) & 1);
        config |= inside(field[corner]) ? 1 << c : 0;
    }
    return config;
}

// CPU twin: countCrossedEdges and countTriangles, per sample instead of per layer.
__global__ void count_kernel(const float *__restrict__ field, Grid g, int32_t *__restrict__ vertex_counts,
                             int32_t *__restrict__ triangle_counts) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t s = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; s < g.samples; s += stride) {
        int32_t i, j, k;
        coordinates(g, s, i, j, k);
        int32_t vertices = 0;
        for (int axis = 0; axis < 3; ++axis) {
            vertices += owned_edge_crossed(field, g, s, i, j, k, axis) ? 1 : 0;
        }
        int32_t triangles = 0;
        if (i < g.nx - 1 && j < g.ny - 1 && k < g.nz - 1) {
            const int config = cube_case(field, g, s);
            for (int slot = 0; slot < 16 && kTriangles[config * 16 + slot] >= 0; slot += 3) {
                ++triangles;
            }
        }
        vertex_counts[s] = vertices;
        triangle_counts[s] = triangles;
    }
}

// CPU twin: placeEdgeVertices. Java computes g.x(i) = origin + voxel * i in double, t = a / (a - b)
// in float, then (float) (g.x(i) + t * voxel) on the edge's axis and (float) g.y(j) etc. elsewhere.
__global__ void vertex_kernel(const float *__restrict__ field, Grid g, double origin_x, double origin_y,
                              double origin_z, double voxel, const int32_t *__restrict__ vertex_starts,
                              int64_t vertex_count, float *__restrict__ positions) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t s = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; s < g.samples; s += stride) {
        int32_t i, j, k;
        coordinates(g, s, i, j, k);
        const double base[3] = {__dadd_rn(origin_x, __dmul_rn(voxel, static_cast<double>(i))),
                                __dadd_rn(origin_y, __dmul_rn(voxel, static_cast<double>(j))),
                                __dadd_rn(origin_z, __dmul_rn(voxel, static_cast<double>(k)))};
        int64_t id = vertex_starts[s];
        for (int axis = 0; axis < 3; ++axis) {
            if (!owned_edge_crossed(field, g, s, i, j, k, axis)) {
                continue;
            }
            if (id < 0 || id >= vertex_count) {
                return;  // inconsistent starts; the host checks the totals, this only keeps writes in bounds
            }
            const int64_t step = axis == 0 ? 1 : axis == 1 ? g.nx : static_cast<int64_t>(g.nx) * g.ny;
            const float a = field[s];
            const float b = field[s + step];
            const float t = __fdiv_rn(a, __fsub_rn(a, b));
            for (int c = 0; c < 3; ++c) {
                const double coordinate = c == axis ? __dadd_rn(base[c], __dmul_rn(static_cast<double>(t), voxel))
                                                    : base[c];
                positions[3 * id + c] = __double2float_rn(coordinate);
            }
            ++id;
        }
    }
}

// CPU twin: emitTriangles.
__global__ void triangle_kernel(const float *__restrict__ field, Grid g, const int32_t *__restrict__ vertex_starts,
                                const int32_t *__restrict__ triangle_starts, int64_t triangle_count,
                                int32_t *__restrict__ indices) {
    const int64_t nxy = static_cast<int64_t>(g.nx) * g.ny;
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t s = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; s < g.samples; s += stride) {
        int32_t i, j, k;
        coordinates(g, s, i, j, k);
        if (i >= g.nx - 1 || j >= g.ny - 1 || k >= g.nz - 1) {
            continue;
        }
        const int config = cube_case(field, g, s);
        int64_t out = 3 * static_cast<int64_t>(triangle_starts[s]);
        for (int slot = 0; slot < 16 && kTriangles[config * 16 + slot] >= 0; ++slot) {
            if (out < 0 || out >= 3 * triangle_count) {
                return;  // inconsistent starts; see vertex_kernel
            }
            const int e = kTriangles[config * 16 + slot];
            const int origin = kEdgeOrigin[e];
            const int axis = e / 4;
            const int32_t oi = i + (origin & 1);
            const int32_t oj = j + ((origin >> 1) & 1);
            const int32_t ok = k + ((origin >> 2) & 1);
            const int64_t sample = s + (origin & 1) + g.nx * ((origin >> 1) & 1) + nxy * ((origin >> 2) & 1);
            int32_t id = vertex_starts[sample];
            for (int lower = 0; lower < axis; ++lower) {
                id += owned_edge_crossed(field, g, sample, oi, oj, ok, lower) ? 1 : 0;
            }
            indices[out++] = id;
        }
    }
}

unsigned int blocks_for(int64_t items) {
    const int64_t needed = (items + kThreadsPerBlock - 1) / kThreadsPerBlock;
    return static_cast<unsigned int>(needed < kMaxBlocks ? needed : kMaxBlocks);
}

// Grid sizes the ABI accepts: at least 2 samples a side and at most 5 n < 2^31, so that every
// vertex id (at most 3 per sample) and triangle index (at most 5 per cube) fits int32.
int32_t check_grid(const char *caller, int32_t nx, int32_t ny, int32_t nz, Grid &grid) {
    if (nx < 2 || ny < 2 || nz < 2) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: grid %d x %d x %d needs at least 2 samples a side", caller,
                         nx, ny, nz);
    }
    // nx ny fits int64, nx ny nz may not: bound the plane first, or a wrapped product passes.
    const int64_t plane = static_cast<int64_t>(nx) * ny;
    if (plane > (INT32_MAX / 5) / nz) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: grid %d x %d x %d has more than %d samples", caller, nx,
                         ny, nz, INT32_MAX / 5);
    }
    grid = Grid{nx, ny, nz, plane * nz};
    return F3D_OK;
}

int32_t check_launch(const char *caller, const char *what) {
    const cudaError_t error = cudaGetLastError();
    return error == cudaSuccess ? F3D_OK : f3d::fail_cuda(error, "%s: %s", caller, what);
}

// Exclusive prefix sum of n int32 counts into starts, with CUB's temporary storage allocated on
// the stream; *total gets the sum of all counts (read after synchronizing the stream).
int32_t exclusive_sum(const char *caller, f3d_stream *stream, const int32_t *counts, int32_t *starts, int64_t n,
                      int64_t *total) {
    size_t temp_bytes = 0;
    cudaError_t error = cub::DeviceScan::ExclusiveSum(nullptr, temp_bytes, counts, starts, static_cast<int>(n),
                                                      stream->stream);
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: sizing the scan of %lld counts", caller, static_cast<long long>(n));
    }
    void *temp = nullptr;
    error = cudaMallocAsync(&temp, temp_bytes > 0 ? temp_bytes : 1, stream->stream);
    if (error != cudaSuccess) {
        cudaGetLastError();  // not sticky, but recorded: a later call's launch check would report it
        return f3d::fail_cuda(error, "%s: %zu bytes of scan storage", caller, temp_bytes);
    }
    error = cub::DeviceScan::ExclusiveSum(temp, temp_bytes, counts, starts, static_cast<int>(n), stream->stream);
    const cudaError_t freed = cudaFreeAsync(temp, stream->stream);
    if (error != cudaSuccess || freed != cudaSuccess) {
        return f3d::fail_cuda(error != cudaSuccess ? error : freed, "%s: scan of %lld counts", caller,
                              static_cast<long long>(n));
    }
    int32_t tail[2] = {0, 0};
    error = cudaMemcpyAsync(&tail[0], starts + (n - 1), sizeof(int32_t), cudaMemcpyDeviceToHost, stream->stream);
    if (error == cudaSuccess) {
        error = cudaMemcpyAsync(&tail[1], counts + (n - 1), sizeof(int32_t), cudaMemcpyDeviceToHost, stream->stream);
    }
    if (error == cudaSuccess) {
        error = cudaStreamSynchronize(stream->stream);
    }
    if (error != cudaSuccess) {
        return f3d::fail_cuda(error, "%s: reading the scan's total", caller);
    }
    *total = static_cast<int64_t>(tail[0]) + tail[1];
    return F3D_OK;
}

}  // namespace

extern "C" F3D_API int32_t f3d_marching_cubes_count(f3d_stream *stream, const f3d_buffer *field, int32_t nx,
                                                    int32_t ny, int32_t nz, f3d_buffer *vertex_starts,
                                                    f3d_buffer *triangle_starts, int64_t *vertex_count,
                                                    int64_t *triangle_count) {
    const char *caller = "f3d_marching_cubes_count";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    F3D_REQUIRE_NOT_NULL(caller, vertex_count);
    F3D_REQUIRE_NOT_NULL(caller, triangle_count);
    Grid g{};
    F3D_CHECK(check_grid(caller, nx, ny, nz, g));
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"field", field, g.samples, sizeof(float)},
                                  {"vertex_starts", vertex_starts, g.samples, sizeof(int32_t)},
                                  {"triangle_starts", triangle_starts, g.samples, sizeof(int32_t)}}));
    F3D_CHECK(f3d::check_distinct(
        caller, {{"field", field}, {"vertex_starts", vertex_starts}, {"triangle_starts", triangle_starts}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    // The counts go to scratch buffers; the scans write the starts.
    int32_t *counts = nullptr;
    const size_t count_bytes = 2 * g.samples * sizeof(int32_t);
    const cudaError_t allocated = cudaMallocAsync(reinterpret_cast<void **>(&counts), count_bytes, stream->stream);
    if (allocated != cudaSuccess) {
        cudaGetLastError();  // not sticky, but recorded: a later call's launch check would report it
        return f3d::fail_cuda(allocated, "%s: %zu bytes of counts", caller, count_bytes);
    }
    const unsigned int blocks = blocks_for(g.samples);
    count_kernel<<<blocks, kThreadsPerBlock, 0, stream->stream>>>(static_cast<const float *>(field->data), g, counts,
                                                                  counts + g.samples);
    int32_t status = check_launch(caller, "count kernel");
    if (status == F3D_OK) {
        status = exclusive_sum(caller, stream, counts, static_cast<int32_t *>(vertex_starts->data), g.samples,
                               vertex_count);
    }
    if (status == F3D_OK) {
        status = exclusive_sum(caller, stream, counts + g.samples, static_cast<int32_t *>(triangle_starts->data),
                               g.samples, triangle_count);
    }
    const cudaError_t freed = cudaFreeAsync(counts, stream->stream);
    if (status == F3D_OK && freed != cudaSuccess) {
        return f3d::fail_cuda(freed, "%s: freeing the counts", caller);
    }
    return status;
}

extern "C" F3D_API int32_t f3d_marching_cubes_emit(f3d_stream *stream, const f3d_buffer *field, int32_t nx,
                                                   int32_t ny, int32_t nz, double origin_x, double origin_y,
                                                   double origin_z, double voxel, const f3d_buffer *vertex_starts,
                                                   const f3d_buffer *triangle_starts, int64_t vertex_count,
                                                   int64_t triangle_count, f3d_buffer *positions,
                                                   f3d_buffer *indices) {
    const char *caller = "f3d_marching_cubes_emit";
    F3D_REQUIRE_NOT_NULL(caller, stream);
    Grid g{};
    F3D_CHECK(check_grid(caller, nx, ny, nz, g));
    if (!(voxel > 0.0) || vertex_count < 0 || triangle_count < 0 || vertex_count > 3 * g.samples
        || triangle_count > 5 * g.samples) {
        return f3d::fail(F3D_ERROR_INVALID_ARGUMENT, "%s: voxel %g, %lld vertices and %lld triangles do not fit the grid",
                         caller, voxel, static_cast<long long>(vertex_count), static_cast<long long>(triangle_count));
    }
    F3D_CHECK(f3d::check_buffers(caller, stream,
                                 {{"field", field, g.samples, sizeof(float)},
                                  {"vertex_starts", vertex_starts, g.samples, sizeof(int32_t)},
                                  {"triangle_starts", triangle_starts, g.samples, sizeof(int32_t)},
                                  {"positions", positions, 3 * vertex_count, sizeof(float)},
                                  {"indices", indices, 3 * triangle_count, sizeof(int32_t)}}));
    F3D_CHECK(f3d::check_distinct(caller, {{"field", field},
                                           {"vertex_starts", vertex_starts},
                                           {"triangle_starts", triangle_starts},
                                           {"positions", positions},
                                           {"indices", indices}}));
    F3D_CHECK(f3d::use_device(stream->device, caller));
    const unsigned int blocks = blocks_for(g.samples);
    const auto *samples = static_cast<const float *>(field->data);
    const auto *vertex_start = static_cast<const int32_t *>(vertex_starts->data);
    if (vertex_count > 0) {
        vertex_kernel<<<blocks, kThreadsPerBlock, 0, stream->stream>>>(samples, g, origin_x, origin_y, origin_z, voxel,
                                                                       vertex_start, vertex_count,
                                                                       static_cast<float *>(positions->data));
        F3D_CHECK(check_launch(caller, "vertex kernel"));
    }
    if (triangle_count > 0) {
        triangle_kernel<<<blocks, kThreadsPerBlock, 0, stream->stream>>>(
            samples, g, vertex_start, static_cast<const int32_t *>(triangle_starts->data), triangle_count,
            static_cast<int32_t *>(indices->data));
        F3D_CHECK(check_launch(caller, "triangle kernel"));
    }
    return F3D_OK;
}
