def tree_score(depth):
    if depth < 2:
        return depth
    return tree_score(depth - 1) + tree_score(depth - 2)
