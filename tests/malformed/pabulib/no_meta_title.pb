description;no title line
